/**
 * The warnings about this browser's storage, as a demanding user meets them: the production bundle and one real home
 * server, the draft database failing (a newer version of it, as another app build would leave, without the app's
 * store). Each warning stays until the user dismisses it, whatever syncs meanwhile, and dismissing it with the keyboard
 * leaves focus on the page, never on its body. Dismissing "Drafts are not kept" reads the drafts again: where the
 * storage serves again, what it kept comes back beside what was typed since, and is kept from then on; a reply to a
 * message only an older page holds shows its strip once that page is loaded.
 */
import type { Page } from 'playwright-core';
import { DRAFT_WRITE_DELAY_MS } from '../../../src/adapters/web/drafts';
import { befriend, noImageCaptcha } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { isFocused, tabTo } from './keyboard-focus';
import { addressOf, chooseMessageAction, logIn, messageLog, openApp, openChat, requestCard, waitForMessage, waitUntilChatOpen, type Account } from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';

jest.setTimeout(180_000);

const KEPT = 'Kept from last time: the lake, Sunday at ten';
const TYPED_SINCE = 'and bring the blue towels';

/**
 * Sets the draft database aside (its records, in the page) and leaves in its place one at version 2 without the app's
 * store: the app opens version 1, so every use of it fails.
 */
const breakDraftStorage = (page: Page) =>
  page.evaluate(async () => {
    const opened = (version?: number, upgrade?: (database: IDBDatabase) => void) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('starbase-drafts', version);
        open.onupgradeneeded = () => upgrade?.(open.result);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
    const read = <T,>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const database = await opened();
    const store = database.objectStoreNames.contains('drafts') ? database.transaction('drafts').objectStore('drafts') : null;
    const [keys, values] = store === null ? [[], []] : await Promise.all([read(store.getAllKeys()), read(store.getAll())]);
    database.close();
    (window as unknown as { setAside: unknown }).setAside = { keys, values };
    (await opened(2, (newer) => newer.objectStoreNames.contains('drafts') && newer.deleteObjectStore('drafts'))).close();
  });

/** The storage serves again, with what it held before it broke. */
const repairDraftStorage = (page: Page) =>
  page.evaluate(async () => {
    const { keys, values } = (window as unknown as { setAside: { keys: IDBValidKey[]; values: unknown[] } }).setAside;
    await new Promise((resolve, reject) => {
      const deletion = indexedDB.deleteDatabase('starbase-drafts');
      deletion.onsuccess = resolve;
      deletion.onerror = () => reject(deletion.error);
    });
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('starbase-drafts', 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore('drafts');
        keys.forEach((key, index) => store.put(values[index], key));
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
  });

const focusOnBody = (page: Page): Promise<boolean> => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

describe('warnings about this browser’s storage (production bundle, one real server)', () => {
  const suite = useRealAppOnOneServer('web-storage-banners');

  const friendsOnTheServer = async (name: string) => {
    const account: Account = { name, server: authorityOf(suite.server.url!), password: `${name} has a long passphrase` };
    const friend = await createNodeMessenger().messenger.register(`${name}-friend@${account.server}`, 'a friend with a long passphrase');
    const inNode = await createNodeMessenger().messenger.register(addressOf(account), account.password);
    await befriend(friend, inNode, noImageCaptcha);
    await inNode.logOut();
    return { account, friend };
  };

  it('brings the drafts back beside what was typed since when "Drafts are not kept" is dismissed and the storage serves again', async () => {
    const { account: alice, friend: bob } = await friendsOnTheServer('alice');
    const watched = await suite.openPage();
    const { page } = watched;
    page.on('dialog', (dialog) => void dialog.accept());
    const composer = page.getByRole('textbox', { name: `Message to ${bob.address}` });
    const notice = page.getByRole('alert').filter({ hasText: 'Drafts are not kept on this browser' });

    await openApp(page, suite.server.url!);
    await logIn(page, alice);
    await openChat(page, bob.address);
    await waitUntilChatOpen(page, bob.address);
    await composer.pressSequentially(KEPT);
    await page.waitForTimeout(DRAFT_WRITE_DELAY_MS * 3);
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();

    await breakDraftStorage(page);
    await logIn(page, alice);
    await notice.waitFor();
    await openChat(page, bob.address);
    await waitUntilChatOpen(page, bob.address);
    expect(await composer.inputValue()).toBe('');
    await composer.pressSequentially(TYPED_SINCE);

    await repairDraftStorage(page);
    const dismiss = notice.getByRole('button', { name: 'Dismiss' });
    await tabTo(page, dismiss);
    await page.keyboard.press('Enter');
    await notice.waitFor({ state: 'detached' });
    const chatHeading = page.getByRole('heading', { name: bob.address, level: 2 });
    expect(await isFocused(chatHeading)).toBe(true);
    await page.waitForFunction((expected) => document.querySelector<HTMLTextAreaElement>('textarea.composer__input')?.value === expected, `${KEPT}\n${TYPED_SINCE}`);
    expect(await isFocused(chatHeading)).toBe(true);

    // Kept again from then on: the next sign-in starts with both.
    await page.waitForTimeout(DRAFT_WRITE_DELAY_MS * 3);
    await page.reload();
    await logIn(page, alice);
    await openChat(page, bob.address);
    await waitUntilChatOpen(page, bob.address);
    expect(await composer.inputValue()).toBe(`${KEPT}\n${TYPED_SINCE}`);
    expect(await notice.count()).toBe(0);
    await bob.logOut();
    expect(watched.problems).toEqual([]);
  });

  it('shows the reply strip of a draft read on Dismiss whose message only an older page holds, loading that page', async () => {
    const { account: grace, friend: henry } = await friendsOnTheServer('grace');
    await henry.sendMessage(addressOf(grace), 'Lunch on Friday?');
    const watched = await suite.openPage();
    const { page } = watched;
    page.on('dialog', (dialog) => void dialog.accept());
    const composer = page.getByRole('textbox', { name: `Message to ${henry.address}` });
    const strip = page.locator('.composer__strip');
    const notice = page.getByRole('alert').filter({ hasText: 'Drafts are not kept on this browser' });

    await openApp(page, suite.server.url!);
    await logIn(page, grace);
    await openChat(page, henry.address);
    await waitUntilChatOpen(page, henry.address);
    await chooseMessageAction(await waitForMessage(page, 'Lunch on Friday?'), 'Reply');
    await composer.fill('Friday works');
    await page.waitForTimeout(DRAFT_WRITE_DELAY_MS * 3);
    // Enough after it that it is sealed in a page of grace's store: a new sign-in shows only the newest.
    for (let i = 0; i < 50; i += 1) await henry.sendMessage(addressOf(grace), `Filler ${i} ${'x'.repeat(2000)}`);
    await waitForMessage(page, 'Filler 49 ');
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();

    await breakDraftStorage(page);
    await logIn(page, grace);
    await notice.waitFor();
    await openChat(page, henry.address);
    await waitUntilChatOpen(page, henry.address);
    expect(await composer.inputValue()).toBe('');
    expect(await messageLog(page).getByText('Lunch on Friday?').count()).toBe(0);
    await repairDraftStorage(page);
    await notice.getByRole('button', { name: 'Dismiss' }).click();

    await strip.filter({ hasText: `Replying to ${henry.address}` }).filter({ hasText: 'Lunch on Friday?' }).waitFor();
    expect(await composer.inputValue()).toBe('Friday works');
    await henry.logOut();
    expect(watched.problems).toEqual([]);
  });

  it('keeps saying a deleted chat’s drafts stayed behind through a later sync, until the user dismisses it', async () => {
    const { account: carol, friend: dave } = await friendsOnTheServer('carol');
    await dave.removeFriend(addressOf(carol));
    const watched = await suite.openPage();
    const { page } = watched;
    const draftsNotice = page.getByRole('alert').filter({ hasText: 'Drafts are not kept on this browser' });
    const storageWarning = page.getByRole('alert').filter({ hasText: 'Could not use this browser’s storage' });

    await openApp(page, suite.server.url!);
    await breakDraftStorage(page);
    await logIn(page, carol);
    await draftsNotice.waitFor();
    // Dismissed while the storage still fails: read, gone, and not back.
    await tabTo(page, draftsNotice.getByRole('button', { name: 'Dismiss' }));
    await page.keyboard.press('Enter');
    await draftsNotice.waitFor({ state: 'detached' });
    expect(await focusOnBody(page)).toBe(false);

    await openChat(page, dave.address);
    await page.getByRole('button', { name: 'Delete chat' }).click();
    await page.getByRole('group', { name: 'Confirm chat deletion' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await storageWarning.waitFor();
    expect(await storageWarning.locator('p').allInnerTexts()).toEqual([
      'Could not use this browser’s storage',
      'This browser could not delete the drafts it kept, as its storage failed. They stay sealed: only you can read them, after signing in.',
    ]);

    // A sync that succeeds (it brings a friend request) says nothing about the drafts left behind.
    const erin = await createNodeMessenger().messenger.register(`erin@${carol.server}`, 'erin has a long passphrase');
    await erin.sendFriendRequest(addressOf(carol), 'hi carol', noImageCaptcha);
    await requestCard(page, erin.address).waitFor();
    expect(await storageWarning.count()).toBe(1);
    expect(await draftsNotice.count()).toBe(0);

    await tabTo(page, storageWarning.getByRole('button', { name: 'Dismiss' }));
    await page.keyboard.press('Enter');
    await storageWarning.waitFor({ state: 'detached' });
    expect(await isFocused(page.getByRole('heading', { name: 'Welcome', level: 2 }))).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: 'storage' }).count()).toBe(0);
    await Promise.all([dave.logOut(), erin.logOut()]);
    expect(watched.problems).toEqual([]);
  });
});
