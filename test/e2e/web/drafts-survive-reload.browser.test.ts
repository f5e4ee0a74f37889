/**
 * "Nothing the user typed is ever dropped", with no plaintext at rest: the production bundle and one
 * real home server. A draft typed in a chat is back in the composer after a reload and a new sign-in
 * (right after the reload with "Stay signed in"); IndexedDB holds it sealed only; logging out deletes it.
 * A draft the device already kept does not make the reload ask "Leave site?".
 */
import type { Page } from 'playwright-core';
import { befriend, noImageCaptcha } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import {
  addressOf,
  chooseMessageAction,
  fillLogIn,
  logIn,
  logOut,
  messageLog,
  openApp,
  openChat,
  sendMessage,
  waitForMessage,
  waitForSendState,
  waitUntilChatOpen,
  type Account,
} from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';

jest.setTimeout(180_000);

const FIRST_DRAFT = 'Half a thought about Thursday, not sent';
const KEPT_SIGNED_IN_DRAFT = 'Typed on a browser that stays signed in';

/** Every record of the app's draft database as raw bytes and keys, read as any script on the page could. */
const rawDrafts = (page: Page) =>
  page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('starbase-drafts');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    if (!database.objectStoreNames.contains('drafts')) {
      database.close();
      return [];
    }
    const store = database.transaction('drafts').objectStore('drafts');
    const read = <T,>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [keys, values] = await Promise.all([read(store.getAllKeys()), read(store.getAll())]);
    database.close();
    return keys.map((key, index) => ({ key: JSON.stringify(key), value: JSON.stringify(values[index], (_name, field: unknown) => (field instanceof Uint8Array ? [...field] : field)), bytes: [...((values[index] as { sealed?: Uint8Array }).sealed ?? [])] }));
  });

/** Waits until the device holds `count` drafts of `account` (the app writes once typing pauses). */
const waitForKeptDrafts = async (page: Page, account: string, count: number) => {
  for (let tries = 0; tries < 100; tries += 1) {
    const records = (await rawDrafts(page)).filter((record) => record.key.startsWith(JSON.stringify([account]).slice(0, -1)));
    if (records.length === count) return records;
    await page.waitForTimeout(100);
  }
  throw new Error(`the device never held ${count} drafts of ${account}`);
};

/** Waits until the device's one draft of `account` is no longer the record `before` (a write replaced it). */
const waitForRewrittenDraft = async (page: Page, account: string, before: { readonly bytes: readonly number[] } | undefined) => {
  for (let tries = 0; tries < 100; tries += 1) {
    const [record] = await waitForKeptDrafts(page, account, 1);
    if (record !== undefined && record.bytes.join() !== before?.bytes.join()) return record;
    await page.waitForTimeout(100);
  }
  throw new Error(`the draft of ${account} was never written again`);
};

const containsBytes = (haystack: readonly number[], needle: Uint8Array): boolean =>
  haystack.some((_, start) => needle.every((byte, offset) => haystack[start + offset] === byte));

describe('drafts survive a reload, sealed on the device (production bundle, one real server)', () => {
  const suite = useRealAppOnOneServer('web-drafts');

  it('brings a draft back after a reload and a new sign-in, keeps no plaintext of it, and logging out deletes it', async () => {
    const alice: Account = { name: 'alice', server: authorityOf(suite.server.url!), password: 'alice has a long passphrase' };
    const bob = await createNodeMessenger().messenger.register(`bob@${alice.server}`, 'bob has a long passphrase too');
    const aliceInNode = await createNodeMessenger().messenger.register(addressOf(alice), alice.password);
    await befriend(bob, aliceInNode, noImageCaptcha);
    await aliceInNode.logOut();

    const watched = await suite.openPage();
    const { page } = watched;
    // The leave warning asks while a change is not yet kept (typing faster than the pause): the person says leave.
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    const composer = page.getByRole('textbox', { name: `Message to ${bob.address}` });
    const signedIn = page.getByRole('navigation', { name: 'Main' });

    const sentBodies: Buffer[] = [];
    page.on('request', (request) => {
      const body = request.postDataBuffer();
      if (body !== null) sentBodies.push(body);
    });
    await openApp(page, suite.server.url!);
    await logIn(page, alice);
    await openChat(page, bob.address);
    await waitUntilChatOpen(page, bob.address);
    await composer.pressSequentially(FIRST_DRAFT);

    const [record] = await waitForKeptDrafts(page, addressOf(alice), 1);
    const encoder = new TextEncoder();
    for (const secret of ['Thursday', bob.address]) {
      expect(record?.key).not.toContain(secret);
      expect(record?.value).not.toContain(secret);
      expect(containsBytes(record?.bytes ?? [], encoder.encode(secret))).toBe(false);
    }
    // Never sent anywhere: no request body carries the draft, as text or as the device keeps it.
    const sealed = Buffer.from(record?.bytes ?? []);
    expect(sealed.length).toBeGreaterThan(0);
    expect(sentBodies.length).toBeGreaterThan(0);
    expect(sentBodies.filter((body) => body.includes('Thursday') || body.includes(sealed.subarray(0, 28)))).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await logIn(page, alice);
    await openChat(page, bob.address);
    await expect(composer.inputValue()).resolves.toBe(FIRST_DRAFT);

    await logOut(page);
    expect(await waitForKeptDrafts(page, addressOf(alice), 0)).toEqual([]);
    await logIn(page, alice);
    await openChat(page, bob.address);
    await waitUntilChatOpen(page, bob.address);
    await expect(composer.inputValue()).resolves.toBe('');

    // With "Stay signed in", the reload itself signs in again, and the draft is there.
    await logOut(page);
    await fillLogIn(page, alice);
    await page.getByLabel('Stay signed in on this browser').check();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await signedIn.waitFor();
    await openChat(page, bob.address);
    await waitUntilChatOpen(page, bob.address);
    // One input, so one write: once its record is on the device, nothing typed waits to be kept.
    await composer.fill(KEPT_SIGNED_IN_DRAFT);
    await waitForKeptDrafts(page, addressOf(alice), 1);
    const askedBefore = asked.length;
    await page.reload();
    await signedIn.waitFor();
    expect(asked.slice(askedBefore)).toEqual([]);
    await openChat(page, bob.address);
    await expect(composer.inputValue()).resolves.toBe(KEPT_SIGNED_IN_DRAFT);

    await logOut(page);
    expect(watched.problems).toEqual([]);
  });

  it('brings back a reply with its quote and an edit with its text after a reload, and the reply typed under the edit once it ends', async () => {
    const carol: Account = { name: 'carol', server: authorityOf(suite.server.url!), password: 'carol has a long passphrase' };
    const dave = await createNodeMessenger().messenger.register(`dave@${carol.server}`, 'dave has a long passphrase too');
    const carolInNode = await createNodeMessenger().messenger.register(addressOf(carol), carol.password);
    await befriend(dave, carolInNode, noImageCaptcha);
    await carolInNode.logOut();
    await dave.sendMessage(addressOf(carol), 'Dinner at eight?');

    const watched = await suite.openPage();
    const { page } = watched;
    page.on('dialog', (dialog) => void dialog.accept());
    const composer = page.getByRole('textbox', { name: `Message to ${dave.address}` });
    const strip = page.locator('.composer__strip');
    const reopenChat = async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
      await logIn(page, carol);
      await openChat(page, dave.address);
      await waitUntilChatOpen(page, dave.address);
    };

    await openApp(page, suite.server.url!);
    await logIn(page, carol);
    await openChat(page, dave.address);
    await waitUntilChatOpen(page, dave.address);
    const dinner = await waitForMessage(page, 'Dinner at eight?');
    const sent = await sendMessage(page, 'See you at 5');
    await waitForSendState(sent, 'Sent');
    const mine = messageLog(page).locator(`[data-message-id="${await sent.getAttribute('data-message-id')}"]`);

    await chooseMessageAction(dinner, 'Reply');
    await composer.fill('Eight works');
    const replyKept = await waitForRewrittenDraft(page, addressOf(carol), undefined);
    await reopenChat();
    expect(await strip.innerText()).toContain(`Replying to ${dave.address}`);
    expect(await strip.innerText()).toContain('Dinner at eight?');
    expect(await composer.inputValue()).toBe('Eight works');

    await chooseMessageAction(mine, 'Edit');
    await composer.fill('See you at 6');
    const editKept = await waitForRewrittenDraft(page, addressOf(carol), replyKept);
    for (const secret of ['Eight works', 'See you at 6']) expect(containsBytes(editKept.bytes, new TextEncoder().encode(secret))).toBe(false);
    await reopenChat();
    expect(await strip.innerText()).toContain('Editing your message');
    expect(await composer.inputValue()).toBe('See you at 6');

    await composer.press('Enter');
    await mine.filter({ hasText: 'See you at 6' }).filter({ hasText: 'edited' }).waitFor();
    await strip.filter({ hasText: `Replying to ${dave.address}` }).waitFor();
    expect(await composer.inputValue()).toBe('Eight works');
    await composer.press('Enter');
    const reply = messageLog(page).locator('.message--out').filter({ hasText: 'Eight works' });
    await waitForSendState(reply, 'Sent');
    expect(await reply.locator('.message__quote').innerText()).toContain('Dinner at eight?');
    expect(await waitForKeptDrafts(page, addressOf(carol), 0)).toEqual([]);

    await logOut(page);
    expect(watched.problems).toEqual([]);
  });
  it('brings back a reply and an edit whose messages a reload no longer shows, loading the older page that holds them', async () => {
    const erin: Account = { name: 'erin', server: authorityOf(suite.server.url!), password: 'erin has a long passphrase' };
    const frank = await createNodeMessenger().messenger.register(`frank@${erin.server}`, 'frank has a long passphrase too');
    const erinInNode = await createNodeMessenger().messenger.register(addressOf(erin), erin.password);
    await befriend(frank, erinInNode, noImageCaptcha);
    await erinInNode.logOut();
    await frank.sendMessage(addressOf(erin), 'Lunch on Friday?');

    const watched = await suite.openPage();
    const { page } = watched;
    page.on('dialog', (dialog) => void dialog.accept());
    const composer = page.getByRole('textbox', { name: `Message to ${frank.address}` });
    const strip = page.locator('.composer__strip');
    await openApp(page, suite.server.url!);
    await logIn(page, erin);
    await openChat(page, frank.address);
    await waitUntilChatOpen(page, frank.address);
    const lunch = await waitForMessage(page, 'Lunch on Friday?');
    const sent = await sendMessage(page, 'Noon is fine');
    await waitForSendState(sent, 'Sent');
    const mine = messageLog(page).locator(`[data-message-id="${await sent.getAttribute('data-message-id')}"]`);
    await chooseMessageAction(lunch, 'Reply');
    await composer.fill('Friday works');
    const replyKept = await waitForRewrittenDraft(page, addressOf(erin), undefined);
    await chooseMessageAction(mine, 'Edit');
    await composer.fill('One is fine');
    await waitForRewrittenDraft(page, addressOf(erin), replyKept);

    // Enough after them that both are sealed in a page of erin's store: a new sign-in shows only the newest.
    for (let i = 0; i < 50; i += 1) await frank.sendMessage(addressOf(erin), `Filler ${i} ${'x'.repeat(2000)}`);
    await waitForMessage(page, 'Filler 49 ');
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await logIn(page, erin);
    await openChat(page, frank.address);
    await waitUntilChatOpen(page, frank.address);

    await strip.filter({ hasText: 'Editing your message' }).waitFor();
    expect(await composer.inputValue()).toBe('One is fine');
    await composer.press('Escape');
    await strip.filter({ hasText: `Replying to ${frank.address}` }).filter({ hasText: 'Lunch on Friday?' }).waitFor();
    expect(await composer.inputValue()).toBe('Friday works');

    await logOut(page);
    expect(watched.problems).toEqual([]);
  });
});
