/**
 * A friend whose home server takes every request and never answers, in the production bundle on two
 * real home servers: what alice types to them shows at once, and her own inbox keeps flowing.
 */
import type { Route } from 'playwright-core';
import { befriend } from '../../integration/two-server-fixture';
import { createNodeMessenger } from '../../support/node-messenger';
import { expectProblems } from './chromium';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { addressOf, contactButton, deleteForEveryone, messageLog, sendMessage, showContacts, waitForMessage, waitForSendState, type Account } from './pages';

jest.setTimeout(180_000);

/** Well inside the 20 s a drop waits for an answer: what took that long waited for bob's server. */
const SHOWN_WITHIN_MS = 4_000;

/** Waits until `condition` holds, failing with `failure` after 20 s. */
const waitFor = async (condition: () => boolean, failure: string): Promise<void> => {
  for (const deadline = Date.now() + 20_000; !condition(); ) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("a friend's server that never answers (production bundle, two servers)", () => {
  const friends = useFriendsOnTwoServers('web-silent-friend-server');

  it('shows a second message to them at once as sending, and a message from another friend arrives meanwhile', async () => {
    const carol: Account = { name: 'carol', server: friends.alice.server, password: 'carol has a long passphrase' };
    const carolNode = await createNodeMessenger().messenger.register(addressOf(carol), carol.password);
    const aliceNode = await createNodeMessenger().messenger.logIn(addressOf(friends.alice), friends.alice.password);
    await befriend(carolNode, aliceNode);
    await aliceNode.logOut();

    const alicePage = await friends.aliceDevice();
    // bob's server takes whatever alice's browser asks and never answers, until it comes back.
    let silent = true;
    await alicePage.route(`http://${friends.bob.server}/**`, (route) => (silent ? undefined : route.continue()));

    const first = await sendMessage(alicePage, 'Are you there?');
    await waitForSendState(first, 'Sending…');
    const started = Date.now();
    await sendMessage(alicePage, 'Hello?');
    const second = messageLog(alicePage).locator('.message--out').filter({ hasText: 'Hello?' });
    await second.waitFor({ timeout: SHOWN_WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(SHOWN_WITHIN_MS);
    await waitForSendState(second, 'Sending…');
    expect(await alicePage.getByRole('textbox', { name: `Message to ${addressOf(friends.bob)}` }).inputValue()).toBe('');

    await carolNode.sendMessage(addressOf(friends.alice), 'Lunch at noon?');
    await showContacts(alicePage);
    await contactButton(alicePage, addressOf(carol)).filter({ hasText: 'Lunch at noon?' }).waitFor({ timeout: 8_000 });
    // Both still on their way to bob: nothing of this waited for his server's 20 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    await waitForSendState(first, 'Sending…');
    await waitForSendState(second, 'Sending…');
    await carolNode.logOut();

    // The first gives up after its 20 s; the second went after it, finds bob's server back, and sends the first again before itself.
    silent = false;
    await waitForSendState(first, 'Sent');
    await waitForSendState(second, 'Sent');
    const bobPage = await friends.bobDevice();
    await waitForMessage(bobPage, 'Are you there?');
    const received = await messageLog(bobPage).locator('.message--in').allInnerTexts();
    expect(received.findIndex((text) => text.includes('Are you there?'))).toBeLessThan(received.findIndex((text) => text.includes('Hello?')));
  });

  it('deletes a message that did not go out at once while its resend waits on his server, and bob never sees it', async () => {
    // alice's pages left open above would resend her failed message themselves, past this test's routes.
    for (const { context } of friends.opened) await context.close();
    const alicePage = await friends.aliceDevice();
    const dropsToBob = (url: string | URL) => String(url) === `http://${friends.bob.server}/api/v1/users/bob/drops`;
    let server: 'refusing' | 'silent' | 'answering' = 'refusing';
    const held: Route[] = [];
    let answered = 0;
    alicePage.on('response', (response) => {
      if (dropsToBob(response.url()) && response.ok()) answered += 1;
    });
    await alicePage.route(dropsToBob, (route) => {
      if (server === 'refusing') return route.abort('connectionrefused');
      if (server === 'answering') return route.continue();
      held.push(route);
      return undefined;
    });
    // The first send is refused on purpose, so that the message fails and waits for its resend.
    expectProblems(alicePage, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);

    const failed = await sendMessage(alicePage, 'Meant for someone else');
    await waitForSendState(failed, 'Not sent');
    server = 'silent';
    // The app's resend timer tries again by itself, and that resend waits on bob's server.
    for (const deadline = Date.now() + 20_000; held.length === 0; ) {
      if (Date.now() > deadline) throw new Error('alice never resent the failed message');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const started = Date.now();
    await failed.getByRole('button', { name: 'Delete' }).click();
    await failed.waitFor({ state: 'detached', timeout: SHOWN_WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(SHOWN_WITHIN_MS);

    // bob's server answers again: the resend gets through, and the delete goes after it.
    server = 'answering';
    for (const route of held) await route.continue();
    for (const deadline = Date.now() + 20_000; answered < 2; ) {
      if (Date.now() > deadline) throw new Error('the delete never went to bob');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitForSendState(await sendMessage(alicePage, 'Sorry, wrong chat'), 'Sent');
    const bobPage = await friends.bobDevice();
    await waitForMessage(bobPage, 'Sorry, wrong chat');
    expect(await messageLog(bobPage).getByText('Meant for someone else').count()).toBe(0);
  });

  it('takes a message back at bob\'s that alice deleted while its resend waited on his server, and that got through after she closed the tab', async () => {
    // alice's pages left open above would resend her failed message themselves, past this test's routes.
    for (const { context } of friends.opened) await context.close();
    const alicePage = await friends.aliceDevice();
    const dropsToBob = (url: string | URL) => String(url) === `http://${friends.bob.server}/api/v1/users/bob/drops`;
    let server: 'refusing' | 'unanswered' = 'refusing';
    let reachedBob = 0;
    await alicePage.route(dropsToBob, async (route) => {
      if (server === 'refusing') return route.abort('connectionrefused');
      // bob's server gets the resend, but its answer never reaches alice's page.
      await route.fetch().then(() => (reachedBob += 1), () => undefined);
      return undefined;
    });
    // The first send is refused on purpose, so that the message fails and waits for its resend.
    expectProblems(alicePage, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);

    const failed = await sendMessage(alicePage, 'Not for you, bob');
    await waitForSendState(failed, 'Not sent');
    server = 'unanswered';
    await waitFor(() => reachedBob > 0, 'alice never resent the failed message');
    await failed.getByRole('button', { name: 'Delete' }).click();
    await failed.waitFor({ state: 'detached', timeout: SHOWN_WITHIN_MS });
    await friends.opened.find((watched) => watched.page === alicePage)?.context.close();

    // alice signs in again: what this tab recorded with the deletion goes to bob then, before what she sends next.
    const aliceAgain = await friends.aliceDevice();
    await waitForSendState(await sendMessage(aliceAgain, 'That one was a mistake'), 'Sent');
    expect(await messageLog(aliceAgain).getByText('Not for you, bob').count()).toBe(0);
    const bobPage = await friends.bobDevice();
    await waitForMessage(bobPage, 'That one was a mistake');
    expect(await messageLog(bobPage).getByText('Not for you, bob').count()).toBe(0);
  });

  it('deletes a message bob got for everyone at once while his server is silent, and his chat loses it once it answers', async () => {
    const alicePage = await friends.aliceDevice();
    const sent = await sendMessage(alicePage, 'Wrong chat, sorry');
    await waitForSendState(sent, 'Sent');
    const bobPage = await friends.bobDevice();
    await waitForMessage(bobPage, 'Wrong chat, sorry');

    const dropsToBob = (url: string | URL) => String(url) === `http://${friends.bob.server}/api/v1/users/bob/drops`;
    let answering = false;
    const held: Route[] = [];
    await alicePage.route(dropsToBob, (route) => {
      if (answering) return route.continue();
      held.push(route);
      return undefined;
    });
    // The notice is refused on purpose below, as the end of its wait would end it.
    expectProblems(alicePage, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await deleteForEveryone(alicePage, sent);
    await messageLog(alicePage).getByText('You deleted this message.').waitFor({ timeout: SHOWN_WITHIN_MS });
    await waitFor(() => held.length > 0, 'the deletion never went to bob');

    // The deletion was done here, so the user hears of no failure of its notice, and the app sends it again by itself.
    for (const route of held.splice(0)) await route.abort('connectionrefused');
    await waitFor(() => held.length > 0, 'alice never sent the deletion again');
    expect(await alicePage.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);

    answering = true;
    for (const route of held) await route.continue();
    await messageLog(bobPage).getByText('Wrong chat, sorry').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await messageLog(bobPage).locator('.message--in').last().innerText()).toContain('This message was deleted.');
  });

  it('ends the friendship at once when alice removes bob, without waiting for his server to hear of it', async () => {
    const alicePage = await friends.aliceDevice();
    // bob's server takes the friend-remove and never answers.
    await alicePage.route(`http://${friends.bob.server}/**`, () => undefined);

    await alicePage.getByRole('button', { name: 'Remove friend' }).click();
    const confirm = alicePage.getByRole('group', { name: 'Confirm removal' });
    const started = Date.now();
    await confirm.getByRole('button', { name: `Remove ${addressOf(friends.bob)}` }).click();
    // The chat closes once the removal is done: the confirmation alone goes as soon as the friendship shows ended.
    await alicePage.locator('#chat-heading').waitFor({ state: 'detached', timeout: SHOWN_WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(SHOWN_WITHIN_MS);
  });
});
