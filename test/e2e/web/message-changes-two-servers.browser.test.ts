/**
 * Something on screen that keeps an old copy of a message after it changed: two home servers, real
 * Chromium, the production bundle. alice on one device, bob on two; each test changes a message on
 * one side and looks at what the others show of it.
 */
import type { Page } from 'playwright-core';
import { noImageCaptcha } from '../../integration/two-server-fixture';
import { createNodeMessenger } from '../../support/node-messenger';
import { expectProblems, refusedWith } from './chromium';
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { acceptRequest, addressOf, chooseMessageAction, deleteForEveryone, editOwnMessage, logIn, messageLog, openChat, openSettings, replyTo, sendMessage, setDisappearingTimer, waitForMessage, waitForSendState, type Account } from './pages';

jest.setTimeout(300_000);

const composerOf = (page: Page) => page.getByRole('textbox', { name: /^Message to / });
const stripOf = (page: Page) => page.locator('.composer__strip');
/** Waits until the device holds a draft (the app writes it once typing pauses, and a reload before then asks "Leave site?"). */
const draftKept = async (page: Page): Promise<void> => {
  const count = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('starbase-drafts');
          open.onerror = () => resolve(0);
          open.onsuccess = () => {
            const database = open.result;
            if (!database.objectStoreNames.contains('drafts')) return (database.close(), resolve(0));
            const counted = database.transaction('drafts').objectStore('drafts').count();
            counted.onsuccess = () => (database.close(), resolve(counted.result));
            counted.onerror = () => (database.close(), resolve(0));
          };
        }),
    );
  for (let tries = 0; tries < 100; tries += 1) {
    if ((await count()) > 0) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the device never kept the draft');
};
const searchResults = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('button');

const searchFor = async (page: Page, query: string): Promise<void> => {
  const field = page.getByRole('searchbox', { name: 'Search all messages' });
  await field.fill(query);
  await field.press('Enter');
  await page.getByRole('status').filter({ hasText: `with “${query}”` }).waitFor();
};

describe('a message changed while another device or the friend shows it', () => {
  const friends = useFriendsOnTwoServers('web-real-message-changes');

  /**
   * `name`, on bob's server, befriends alice through a Node client (alice accepting on `alicePage`), so a test may end that
   * friendship: the suite's alice and bob stay friends for the other tests.
   */
  const newFriendOfAlice = async (alicePage: Page, name: string) => {
    const account: Account = { name, server: friends.bob.server, password: `${name} keeps bees on the roof` };
    const node = await createNodeMessenger().messenger.register(addressOf(account), account.password);
    await node.sendFriendRequest(addressOf(friends.alice), `from ${name}`, noImageCaptcha);
    await acceptRequest(alicePage, addressOf(account));
    await node.sync();
    return { account, node };
  };

  it('shows the message replied to or edited as it is now in the composer’s strip, once its author edited it elsewhere', async () => {
    const alice = await friends.aliceDevice();
    const [bob, bobPhone] = [await friends.bobDevice(), await friends.bobDevice({ width: 390, height: 760 })];
    // Two of bob's devices write his store at once: Chromium logs the server's 412 on a version conflict, and the client merges.
    for (const page of [bob, bobPhone]) expectProblems(page, refusedWith(412));

    const question = await sendMessage(bob, 'Meet at the station?');
    await waitForSendState(question, 'Sent');
    await chooseMessageAction(await waitForMessage(alice, 'Meet at the station?'), 'Reply');
    await chooseMessageAction(await waitForMessage(bobPhone, 'Meet at the station?', 'out'), 'Edit');
    await stripOf(bobPhone).filter({ hasText: 'Editing your message' }).waitFor();

    await editOwnMessage(bob, question, 'Meet at the bus stop?');
    await waitForMessage(alice, 'Meet at the bus stop?');
    await waitForMessage(bobPhone, 'Meet at the bus stop?', 'out');

    await stripOf(alice).filter({ hasText: 'Replying to' }).filter({ hasText: 'Meet at the bus stop?' }).waitFor({ timeout: 30_000 });
    await stripOf(bobPhone).filter({ hasText: 'Editing your message' }).filter({ hasText: 'Meet at the bus stop?' }).waitFor({ timeout: 30_000 });
    // Nothing typed on the phone yet: its edit starts from the text as it is now, not from the one the other device replaced.
    expect(await composerOf(bobPhone).inputValue()).toBe('Meet at the bus stop?');
  });

  it('keeps an edit not typed into across a reload as an edit of the message as it is now, so saving it does not undo an edit made on another device', async () => {
    const alice = await friends.aliceDevice();
    const [bob, bobPhone] = [await friends.bobDevice(), await friends.bobDevice({ width: 390, height: 760 })];
    // Two of bob's devices write his store at once: Chromium logs the server's 412 on a version conflict, and the client merges.
    for (const page of [bob, bobPhone]) expectProblems(page, refusedWith(412));
    const plan = await sendMessage(bob, 'Plan: we leave at six');
    await waitForSendState(plan, 'Sent');
    await chooseMessageAction(await waitForMessage(bobPhone, 'Plan: we leave at six', 'out'), 'Edit');
    await stripOf(bobPhone).filter({ hasText: 'Editing your message' }).waitFor();
    await draftKept(bobPhone);

    await editOwnMessage(bob, plan, 'Plan: we leave at seven');
    await waitForMessage(bobPhone, 'Plan: we leave at seven', 'out');
    await bobPhone.reload();
    await logIn(bobPhone, friends.bob);
    await openChat(bobPhone, addressOf(friends.alice));
    await stripOf(bobPhone).filter({ hasText: 'Editing your message' }).waitFor();
    expect(await composerOf(bobPhone).inputValue()).toBe('Plan: we leave at seven');

    // Saved as it stands: nothing changed, so nothing goes out, and alice keeps the text of bob's other device.
    await composerOf(bobPhone).press('Enter');
    await stripOf(bobPhone).waitFor({ state: 'detached' });
    await waitForSendState(await sendMessage(bobPhone, 'See you there'), 'Sent');
    await waitForMessage(alice, 'See you there');
    expect(await messageLog(alice).getByText('Plan: we leave at six').count()).toBe(0);
    await waitForMessage(alice, 'Plan: we leave at seven');
  });

  it('shows the message as it is now in the “Delete for everyone?” dialog, and closes it once another device deleted the message', async () => {
    const laptop = await friends.aliceDevice();
    const phone = await friends.aliceDevice();
    // Two of alice's devices write her store at once: Chromium logs the server's 412 on a version conflict, and the client merges.
    for (const page of [laptop, phone]) expectProblems(page, refusedWith(412));
    const sent = await sendMessage(laptop, 'Dinner is at eight');
    await waitForSendState(sent, 'Sent');
    await chooseMessageAction(await waitForMessage(phone, 'Dinner is at eight', 'out'), 'Delete for everyone');
    const dialog = phone.getByRole('alertdialog', { name: 'Delete this message for everyone?' });
    await dialog.waitFor();

    await editOwnMessage(laptop, sent, 'Dinner is at nine');
    await dialog.getByText('Dinner is at nine').waitFor({ timeout: 30_000 });

    await deleteForEveryone(laptop, await waitForMessage(laptop, 'Dinner is at nine', 'out'));
    await messageLog(phone).getByText('You deleted this message.').waitFor();
    // Nothing left to confirm: confirming would only have said the message is no longer in the conversation.
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await phone.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
  });

  it('says in a reply whose message it quoted once that message was deleted for everyone', async () => {
    const alice = await friends.aliceDevice();
    const bob = await friends.bobDevice();
    const question = await sendMessage(alice, 'Which trail tomorrow?');
    await waitForSendState(question, 'Sent');
    await waitForSendState(await replyTo(bob, await waitForMessage(bob, 'Which trail tomorrow?'), 'The ridge one'), 'Sent');
    await waitForMessage(alice, 'The ridge one');

    await deleteForEveryone(alice, await waitForMessage(alice, 'Which trail tomorrow?', 'out'));
    const quoteIn = (page: Page, direction: 'in' | 'out') => messageLog(page).locator(`.message--${direction}`).filter({ hasText: 'The ridge one' }).locator('.message__quote');
    await quoteIn(bob, 'out').filter({ hasText: `Reply to ${addressOf(friends.alice)}` }).filter({ hasText: 'This message was deleted.' }).waitFor({ timeout: 30_000 });
    await quoteIn(alice, 'in').filter({ hasText: 'Reply to you' }).filter({ hasText: 'This message was deleted.' }).waitFor({ timeout: 30_000 });
  });

  it('says an edit is still on its way while bob’s server cannot be reached, rather than showing the message sent as edited', async () => {
    const alice = await friends.aliceDevice();
    const bob = await friends.bobDevice();
    const plan = await sendMessage(alice, 'Train at 9:10');
    await waitForSendState(plan, 'Sent');
    await waitForMessage(bob, 'Train at 9:10');

    const dropsToBob = `http://${friends.bob.server}/api/v1/users/bob/drops`;
    await alice.route(dropsToBob, (route) => route.abort('connectionrefused'));
    // The edit's drop to bob's server is refused while it is unreachable; the app sends it again.
    expectProblems(alice, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await chooseMessageAction(plan, 'Edit');
    await composerOf(alice).fill('Train at 9:40');
    await composerOf(alice).press('Enter');
    const edited = messageLog(alice).locator('.message--out').filter({ hasText: 'Train at 9:40' });
    await edited.locator('.message__edited').filter({ hasText: 'edited (sending…)' }).waitFor({ timeout: 30_000 });

    await alice.unroute(dropsToBob);
    await alice.getByRole('textbox', { name: /^Message to / }).focus();
    await alice.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForMessage(bob, 'Train at 9:40', 'in', 60_000);
    await edited.locator('.message__edited').filter({ hasText: /^ · edited$/ }).waitFor({ timeout: 30_000 });
  });

  it('says a disappearing-timer change is still on its way while bob’s server cannot be reached', async () => {
    const alice = await friends.aliceDevice();
    const bob = await friends.bobDevice();
    const dropsToBob = `http://${friends.bob.server}/api/v1/users/bob/drops`;
    await alice.route(dropsToBob, (route) => route.abort('connectionrefused'));
    // The change's drop to bob's server is refused while it is unreachable; the app sends it again.
    expectProblems(alice, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await setDisappearingTimer(alice, '1 week');
    const notice = messageLog(alice).locator('.chat__event').filter({ hasText: 'You set messages to disappear after 1 week' });
    await notice.filter({ hasText: '(sending…)' }).waitFor({ timeout: 30_000 });

    await alice.unroute(dropsToBob);
    await alice.evaluate(() => window.dispatchEvent(new Event('online')));
    await messageLog(bob).getByText(`${addressOf(friends.alice)} set messages to disappear after 1 week`).waitFor({ timeout: 60_000 });
    await notice.filter({ hasText: /week$/ }).waitFor({ timeout: 30_000 });
    await setDisappearingTimer(alice, 'Off');
    await messageLog(bob).getByText(`${addressOf(friends.alice)} turned off disappearing messages`).waitFor({ timeout: 30_000 });
  });

  it('takes the messages of a chat alice deleted out of the search results on screen, which would open a contact she no longer has', async () => {
    const alice = await friends.aliceDevice();
    const { account: carol, node: carolNode } = await newFriendOfAlice(alice, 'carol');
    await carolNode.sendMessage(addressOf(friends.alice), 'Walnut cake on Sunday?');
    await waitForMessage(alice, 'Walnut cake on Sunday?');
    await searchFor(alice, 'walnut');
    await searchResults(alice).filter({ hasText: 'Walnut cake on Sunday?' }).waitFor();

    await carolNode.removeFriend(addressOf(friends.alice));
    await alice.getByRole('button', { name: 'Delete chat' }).click({ timeout: 30_000 });
    await alice.getByRole('group', { name: 'Confirm chat deletion' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await alice.getByRole('heading', { name: addressOf(carol), level: 2 }).waitFor({ state: 'detached' });

    await searchResults(alice).filter({ hasText: 'Walnut cake on Sunday?' }).waitFor({ state: 'detached', timeout: 30_000 });
    await carolNode.logOut();
  });

  it('leaves a chat that another of alice’s devices deleted, as the device that deleted it does, for the contacts', async () => {
    const laptop = await friends.aliceDevice();
    const { account: dora, node: doraNode } = await newFriendOfAlice(laptop, 'dora');
    const phone = (await friends.aliceSignedIn()).page;
    // Two of alice's devices write her store at once: Chromium logs the server's 412 on a version conflict, and the client merges.
    // Both revoke the drop token dora held once she removed alice: the later one is told it is gone already (404).
    for (const page of [laptop, phone]) expectProblems(page, refusedWith(412), refusedWith(404));
    await openChat(phone, addressOf(dora));
    await doraNode.removeFriend(addressOf(friends.alice));
    await phone.getByRole('button', { name: 'Delete chat' }).waitFor({ timeout: 30_000 });

    await laptop.getByRole('button', { name: 'Delete chat' }).click({ timeout: 30_000 });
    await laptop.getByRole('group', { name: 'Confirm chat deletion' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await laptop.getByRole('heading', { name: 'Welcome', level: 2 }).waitFor();
    await phone.getByRole('heading', { name: 'Welcome', level: 2 }).waitFor({ timeout: 30_000 });
    expect(await phone.getByText('This address is not among your contacts.').count()).toBe(0);
    await doraNode.logOut();
  });

  it('shows the desktop notification of a message as its sender edited it, and takes it back once they deleted it for everyone', async () => {
    const alice = await friends.aliceDevice();
    const bob = await friends.signedIn(friends.bob);
    await bob.context().grantPermissions(['notifications']);
    await bob.evaluate(() => {
      const shown: { title: string; body: string; closed: boolean }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class Recorded extends window.Notification {
        private readonly record: { title: string; body: string; closed: boolean };
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          this.record = { title, body: options?.body ?? '', closed: false };
          shown.push(this.record);
        }
        override close(): void {
          this.record.closed = true;
          super.close();
        }
      }
      window.Notification = Recorded as typeof Notification;
    });
    await openSettings(bob);
    await bob.getByRole('switch', { name: 'Desktop notifications' }).click();
    await bob.getByRole('status').filter({ hasText: 'Notifications are on' }).waitFor();
    await bob.getByLabel('Include the message text (anyone who can see your screen can read it)').check();
    // bob is in another tab.
    await bob.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.hasFocus = () => false;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const shown = () => bob.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string; closed: boolean }[] }).shownNotifications);

    const slip = await sendMessage(alice, 'The safe code is 0451');
    await waitForSendState(slip, 'Sent');
    await bob.waitForFunction(() => document.title === '(1) starbase', undefined, { timeout: 30_000 });
    expect(await shown()).toEqual([{ title: `New message from ${addressOf(friends.alice)}`, body: 'The safe code is 0451', closed: false }]);

    // Edited since: the notification (the same tag, so in its place) says it as it is now.
    await editOwnMessage(alice, slip, 'The safe code is 0452');
    const title = `New message from ${addressOf(friends.alice)}`;
    await bob.waitForFunction(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications.length === 2, undefined, { timeout: 30_000 });
    expect(await shown()).toEqual([
      { title, body: 'The safe code is 0451', closed: false },
      { title, body: 'The safe code is 0452', closed: false },
    ]);

    await deleteForEveryone(alice, await waitForMessage(alice, 'The safe code is 0452', 'out'));
    await bob.waitForFunction(() => document.title === 'starbase', undefined, { timeout: 30_000 });
    expect((await shown()).at(-1)).toEqual({ title, body: 'The safe code is 0452', closed: true });
  });
});
