/**
 * What a demanding first-month user ran into signing in again, after a password change on another device, and in a
 * chat, on the production bundle with two real home servers: each test is one of them, and fails without its fix.
 */
import { noImageCaptcha } from '../../integration/two-server-fixture';
import { createNodeMessenger } from '../../support/node-messenger';
import { expectProblems, refusedWith } from './chromium';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { acceptRequest, addressOf, changePassword, contactButton, fillLogIn, logIn, logOut, messageLog, openApp, openChat, sendMessage, waitForSendState, type Account } from './pages';
import { gradientPng } from './test-pictures';

jest.setTimeout(180_000);

describe('signing in and chatting as a first-month user, across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-operator-choices');

  it('says only why a log-in failed, not the “You have logged out.” of before above it', async () => {
    const { page, problems } = await friends.aliceSignedIn();
    await logOut(page);
    const loggedOut = page.getByRole('status').filter({ hasText: 'You have logged out.' });
    await loggedOut.waitFor();

    await fillLogIn(page, friends.alice, 'not the password alice chose');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong address or password.' }).waitFor();
    expect(await loggedOut.count()).toBe(0);
    // The refused log-in is the one failed request the browser reports, as it does every 4xx.
    expect(problems).toEqual([expect.stringMatching(/^console error: Failed to load resource: .*401/)]);
    expectProblems(page, refusedWith(401));
  });

  it('says the server gave a different password salt after a change elsewhere, in words, without the same costs twice', async () => {
    const carol: Account = { name: 'carol', server: friends.alice.server, password: 'carol keeps bees on the roof' };
    const newPassword = 'carol moved the hives to the garden';
    const carolNode = await createNodeMessenger().messenger.register(addressOf(carol), carol.password);
    const { page } = await friends.aliceSignedIn();
    await logOut(page);
    await logIn(page, carol);
    await logOut(page);
    await carolNode.changePassword(carol.password, newPassword);
    await carolNode.logOut();

    await fillLogIn(page, carol, newPassword);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    const prompt = page.getByRole('alertdialog', { name: 'Your password settings changed on the server' });
    await prompt.waitFor();
    expect(await prompt.locator('p').first().innerText()).toBe(
      `${carol.server} now uses a different password salt than the last time you logged in on this browser. Nothing has been sent yet.`,
    );
  });

  it('shows “Keep camera and location in pictures” as out of reach as Attach files in a chat that cannot send yet', async () => {
    const dave = await createNodeMessenger().messenger.register(`dave@${friends.bob.server}`, 'dave paints old lighthouses');
    const { page } = await friends.aliceSignedIn();
    const request = await createNodeMessenger().messenger.logIn(addressOf(friends.alice), friends.alice.password);
    await request.sendFriendRequest(dave.address, 'hi dave', noImageCaptcha);
    await request.logOut();
    await openChat(page, dave.address);
    const attach = page.getByRole('button', { name: 'Attach files' });
    const keep = page.locator('label', { has: page.getByRole('checkbox', { name: 'Keep camera and location in pictures' }) });
    await page.waitForFunction(() => (document.querySelector('.attachments button') as HTMLButtonElement | null)?.disabled === true);

    const opacityOf = (element: Element) => getComputedStyle(element).opacity;
    expect(await keep.evaluate(opacityOf)).toBe(await attach.evaluate(opacityOf));
    expect(await keep.evaluate((label) => getComputedStyle(label).cursor)).toBe('not-allowed');
  });

  it('takes away what it removed from the pictures sent once the next message is sent', async () => {
    const page = await friends.aliceDevice();
    await page.getByLabel('Files to send').setInputFiles([{ name: 'summit.png', mimeType: 'image/png', buffer: gradientPng() }]);
    const note = page.getByRole('status').filter({ hasText: 'Removed from your pictures' });
    await note.waitFor();
    await messageLog(page).locator('.message-file__name', { hasText: 'summit.png' }).waitFor({ timeout: 60_000 });

    await waitForSendState(await sendMessage(page, 'We made it to the top'), 'Sent');
    expect(await note.count()).toBe(0);
  });

  it('no longer says “Identity not verified” in the list beside someone who is no longer a friend', async () => {
    const erin = await createNodeMessenger().messenger.register(`erin@${friends.bob.server}`, 'erin sails a small red boat');
    // Not alice: a device of hers left open by another test would check erin's key itself, and every device learns it.
    const henry: Account = { name: 'henry', server: friends.alice.server, password: 'henry tunes old pianos' };
    await (await createNodeMessenger().messenger.register(addressOf(henry), henry.password)).logOut();
    await erin.sendFriendRequest(addressOf(henry), 'hi henry', noImageCaptcha);
    const page = await friends.signedIn(henry);
    // erin's server does not answer the check of her key, so it stays unchecked.
    await page.route(`http://${friends.bob.server}/api/v1/users/erin/profile`, (route) => route.abort());
    expectProblems(page, /^console error: Failed to load resource: net::ERR_FAILED$/);
    const acceptanceDropped = page.waitForResponse((response) => response.url().endsWith('/users/erin/drops'));
    await acceptRequest(page, erin.address);
    // The acceptance goes out behind the chat that opens: erin can read it once it was dropped.
    await acceptanceDropped;
    await erin.sync();
    const contact = contactButton(page, erin.address);
    await contact.getByText('Accepted, finishing the secure handshake').waitFor({ state: 'detached' });
    expect(await contact.getByText('Identity not verified').count()).toBe(1);

    await erin.removeFriend(addressOf(henry));
    await contact.getByText('No longer friends').waitFor();
    expect(await contact.getByText('Identity not verified').count()).toBe(0);
  });

  it('says an account is gone when its owner deleted it before we accepted their request, instead of “finishing the secure handshake” for ever', async () => {
    const frank = await createNodeMessenger().messenger.register(`frank@${friends.bob.server}`, 'frank collects old maps of rivers');
    await frank.sendFriendRequest(addressOf(friends.alice), 'hi alice', noImageCaptcha);
    await frank.deleteAccount('frank collects old maps of rivers');
    const { page } = await friends.aliceSignedIn();
    // frank's server no longer knows him (404): what this test checks the app says.
    expectProblems(page, refusedWith(404));

    await acceptRequest(page, frank.address);
    const contact = contactButton(page, frank.address);
    await contact.getByText('Account deleted').waitFor();
    expect(await contact.getByText('Accepted, finishing the secure handshake').count()).toBe(0);
    await page.getByText(`${frank.address}'s account no longer exists`).waitFor();
  });

  it('keeps its “Stay signed in” through a password changed in its own Settings, instead of asking for the password at the next reload', async () => {
    const grace: Account = { name: 'grace', server: friends.alice.server, password: 'grace bakes rye bread on fridays' };
    const newPassword = 'grace now bakes spelt on mondays';
    await (await createNodeMessenger().messenger.register(addressOf(grace), grace.password)).logOut();
    const { page, problems } = await friends.aliceSignedIn();
    await logOut(page);
    await fillLogIn(page, grace);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    await changePassword(page, grace.password, newPassword);
    await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).or(page.getByRole('heading', { name: 'Log in', level: 1 })).waitFor();
    expect(await page.getByRole('heading', { name: 'Log in', level: 1 }).count()).toBe(0);
    expect(await page.locator('.topbar__account').innerText()).toContain(addressOf(grace));
    expect(problems).toEqual([]);
  });

  it('says why it asks for the password when the sign-in it kept was refused after a password change on another device', async () => {
    const ida: Account = { name: 'ida', server: friends.alice.server, password: 'ida repairs clocks in the attic' };
    const idaNode = await createNodeMessenger().messenger.register(addressOf(ida), ida.password);
    const { page, context } = await friends.aliceSignedIn();
    // The server refuses the kept sign-in after the password change (401), as this test means it to.
    expectProblems(page, refusedWith(401));
    await logOut(page);
    await fillLogIn(page, ida);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.close();

    await idaNode.changePassword(ida.password, 'ida moved the clocks downstairs');
    const reopened = await context.newPage();
    await openApp(reopened, `http://${ida.server}/`);
    await reopened.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await expect(reopened.getByRole('status').filter({ hasText: 'Could not sign you in again' }).innerText()).resolves.toBe(
      'Could not sign you in again automatically: Your password was changed on another device (or this account deleted there) since this browser kept you signed in. Log in with your password.',
    );
  });

  it('says its own server could not be reached when a kept sign-in finds it down, and signs in at the reload once it answers', async () => {
    const kim: Account = { name: 'kim', server: friends.alice.server, password: 'kim sails a small boat on the lake' };
    await (await createNodeMessenger().messenger.register(addressOf(kim), kim.password)).logOut();
    const { page } = await friends.aliceSignedIn();
    await logOut(page);
    await fillLogIn(page, kim);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    await page.route(`http://${kim.server}/api/v1/**`, (route) => route.abort('connectionrefused'));
    expectProblems(page, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Could not sign you in again' }).innerText()).resolves.toBe(
      'Could not sign you in again automatically: Could not reach your own server. Check your connection, then reload this page to try again, or log in below.',
    );

    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.locator('.topbar__account').innerText()).toContain(addressOf(kim));
  });

  it('opens the chat it showed before a reload that signs in again, and Home at the next sign-in after a log-out', async () => {
    const { page } = await friends.aliceSignedIn();
    const bobsAddress = addressOf(friends.bob);
    await logOut(page);
    await fillLogIn(page, friends.alice);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await openChat(page, bobsAddress);

    await page.reload();
    await page.getByRole('heading', { name: bobsAddress, level: 2 }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Welcome', level: 2 }).waitFor();

    await logOut(page);
    await logIn(page, friends.alice);
    await page.getByRole('heading', { name: 'Welcome', level: 2 }).waitFor();
  });

  /**
   * bob's operator takes shorter envelopes than alice's (STARBASE_ENVELOPE_BYTES), so only his server refuses her
   * message: on every page open, since any device of alice's sends again what another recorded and did not deliver.
   */
  const bobsServerRefusesAsTooLong = async (): Promise<void> => {
    for (const { page } of friends.opened.filter(({ page }) => !page.isClosed())) {
      await page.route(`http://${friends.bob.server}/api/v1/users/bob/drops`, (route) =>
        route.fulfill({ status: 413, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Payload Too Large', status: 413, code: 'payload_too_large' }) }),
      );
      expectProblems(page, refusedWith(413));
    }
  };

  it('names the friend’s server, not “the server”, under a message it refused as too long', async () => {
    const page = await friends.aliceDevice();
    const bob = addressOf(friends.bob);
    await bobsServerRefusesAsTooLong();
    const refused = await sendMessage(page, 'A long story about the crag, far longer than bob’s server takes');
    await waitForSendState(refused, 'Not sent');

    expect(await refused.locator('.message__failure p').innerText()).toBe(
      `This message is longer than ${bob}'s server accepts, so it will never be sent. Put it back to shorten it, or delete it.`,
    );
  });

  it('puts the text of a message too long for the friend’s server back in the composer to shorten, where it could only be deleted', async () => {
    const page = await friends.aliceDevice();
    await bobsServerRefusesAsTooLong();
    const text = 'Everything that happened on the north face, pitch by pitch';
    const refused = await sendMessage(page, text);
    await waitForSendState(refused, 'Not sent');
    const composer = page.getByRole('textbox', { name: `Message to ${addressOf(friends.bob)}` });
    await composer.fill('and the way down');

    await refused.getByRole('button', { name: 'Put back' }).click();
    await refused.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe(`${text}\nand the way down`);
  });
});
