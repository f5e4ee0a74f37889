import { createHash } from 'node:crypto';
import type { Browser, Download, Page } from 'playwright-core';
import { befriend } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { openWatchedPage, type WatchedPage } from './chromium';
import { addressOf, logIn, openApp, openChat, waitUntilChatOpen, type Account } from './pages';

/**
 * alice (on `aliceUrl`) and bob (on `bobUrl`) registered and made friends through Node clients,
 * then logged out, so the browser tests start from two established accounts on two servers.
 */
export async function registerFriends(aliceUrl: string, bobUrl: string): Promise<{ readonly alice: Account; readonly bob: Account }> {
  const alice = { name: 'alice', server: authorityOf(aliceUrl), password: 'alice has a long passphrase' };
  const bob = { name: 'bob', server: authorityOf(bobUrl), password: 'bob has an even longer passphrase' };
  const aliceNode = await createNodeMessenger().messenger.register(addressOf(alice), alice.password);
  const bobNode = await createNodeMessenger().messenger.register(addressOf(bob), bob.password);
  await befriend(aliceNode, bobNode);
  await aliceNode.logOut();
  await bobNode.logOut();
  return { alice, bob };
}

/** A new browser context on `url`, `account` logged in with its chat with `friend` open; kept in `opened` for closing. */
export async function chatDevice(
  browser: Browser,
  opened: WatchedPage[],
  target: { readonly url: string; readonly account: Account; readonly friend: Account },
  viewport = { width: 1100, height: 800 },
): Promise<Page> {
  const watched = await openWatchedPage(browser, { viewport });
  opened.push(watched);
  await openApp(watched.page, target.url);
  await logIn(watched.page, target.account);
  await openChat(watched.page, addressOf(target.friend));
  await waitUntilChatOpen(watched.page, addressOf(target.friend));
  return watched.page;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The bytes Chromium saved for a download. */
export const savedBytes = async (download: Download): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
