/**
 * "Nothing the user typed is ever dropped" where the device cannot keep drafts: the production bundle
 * and one real home server, the browser's draft database refusing to open (a newer version of it, as
 * another app build would leave). Signing in, typing and sending work; the app says plainly that
 * drafts are not kept; and leaving with text typed asks, since no reload would bring it back.
 */
import type { Page } from 'playwright-core';
import { DRAFT_WRITE_DELAY_MS } from '../../../src/adapters/web/drafts';
import { befriend, noImageCaptcha } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { addressOf, logIn, logOut, messageLog, openApp, openChat, waitForSendState, waitUntilChatOpen, type Account } from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';

jest.setTimeout(180_000);

const TYPED = 'Half a thought about Thursday, not kept anywhere';

/** The app opens its draft database at version 1: one at version 2, without the app's store, makes every read of it fail. */
const makeDraftsUnreadable = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('starbase-drafts', 2);
        open.onupgradeneeded = () => {
          if (open.result.objectStoreNames.contains('drafts')) open.result.deleteObjectStore('drafts');
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );

describe('drafts the device cannot read (production bundle, one real server)', () => {
  const suite = useRealAppOnOneServer('web-drafts-unreadable');

  it('still lets the user type and send, says drafts are not kept, and asks before a reload loses what is typed', async () => {
    const alice: Account = { name: 'alice', server: authorityOf(suite.server.url!), password: 'alice has a long passphrase' };
    const bob = await createNodeMessenger().messenger.register(`bob@${alice.server}`, 'bob has a long passphrase too');
    const aliceInNode = await createNodeMessenger().messenger.register(addressOf(alice), alice.password);
    await befriend(bob, aliceInNode, noImageCaptcha);
    await aliceInNode.logOut();

    const watched = await suite.openPage();
    const { page } = watched;
    const asked: string[] = [];
    let leave = false;
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void (leave ? dialog.accept() : dialog.dismiss());
    });
    const composer = page.getByRole('textbox', { name: `Message to ${bob.address}` });

    await openApp(page, suite.server.url!);
    await makeDraftsUnreadable(page);
    await logIn(page, alice);
    const notice = page.getByRole('alert').filter({ hasText: 'Drafts' });
    await notice.waitFor();
    expect(await notice.locator('p').allInnerTexts()).toEqual([
      'Drafts are not kept on this browser',
      'Its storage could not be read: drafts kept earlier are not shown, and what you type is lost if you close or reload the page. Send it before you leave.',
    ]);
    // Nothing else: no error the user cannot act on.
    expect(await page.getByRole('alert').count()).toBe(1);

    await openChat(page, bob.address);
    await waitUntilChatOpen(page, bob.address);
    await composer.pressSequentially(TYPED);
    // Past the typing pause: were drafts kept, this one would be, and the reload would not ask.
    await page.waitForTimeout(DRAFT_WRITE_DELAY_MS * 3);

    // Staying: the page is not reloaded, the text is still there.
    await page.reload({ timeout: 2_000 }).catch(() => undefined);
    expect(asked).toEqual(['beforeunload']);
    expect(await composer.inputValue()).toBe(TYPED);

    await composer.press('Enter');
    await waitForSendState(messageLog(page).getByRole('listitem').filter({ hasText: 'Half a thought' }), 'Sent');
    expect(await composer.inputValue()).toBe('');
    await bob.sync();
    expect(bob.conversation(addressOf(alice))).toContainEqual(expect.objectContaining({ kind: 'message', body: TYPED }));

    // Sent, nothing is lost: the reload goes ahead without asking.
    leave = true;
    await page.reload();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    expect(asked).toEqual(['beforeunload']);

    // Every sign-in says so while the storage stays unreadable; logging out, which cannot delete the drafts kept, still works
    // and reports that as the storage failing, not as a bug of the app ("Something went wrong in the app"), on the Log in
    // screen where it stays to be read: not in a warning of the session ending, which would only flash.
    await logIn(page, alice);
    await notice.waitFor();
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenOnTheWayOut: string[] }).seenOnTheWayOut = seen;
      new MutationObserver((changes) => {
        for (const change of changes) for (const added of change.addedNodes) seen.push(added.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
    await logOut(page);
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'You have logged out.' }).innerText()).resolves.toBe(
      'You have logged out. This browser could not delete the drafts it kept, as its storage failed. They stay sealed: only you can read them, after signing in.',
    );
    const seenOnTheWayOut = await page.evaluate(() => (window as unknown as { seenOnTheWayOut: string[] }).seenOnTheWayOut);
    expect(seenOnTheWayOut.filter((text) => text.includes('could not delete the drafts') && !text.includes('You have logged out.'))).toEqual([]);
    await bob.logOut();
    expect(watched.problems).toEqual([]);
  });
});
