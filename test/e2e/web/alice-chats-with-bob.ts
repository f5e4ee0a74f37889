import type { Browser, Page } from 'playwright-core';
import { openWatchedPage, type WatchedPage } from './chromium';
import { createPeer, type Peer } from './fake-network-page';
import { logIn, openApp, openChat, waitUntilChatOpen } from './pages';

const ALICE = { name: 'alice', server: 'chat.example.org', password: 'alice password 123' };
export const ALICE_ADDRESS = 'alice@chat.example.org';

/** alice signed in with her chat with bob open; bob is a peer in the same page's fake network. */
export async function aliceChatsWithBob(
  browser: Browser,
  appUrl: string,
  watched: WatchedPage[],
): Promise<{ opened: WatchedPage; page: Page; bob: Peer }> {
  const opened = await openWatchedPage(browser, { viewport: { width: 1200, height: 800 } });
  watched.push(opened);
  const { page } = opened;
  await openApp(page, appUrl);
  const alice = await createPeer(page, ALICE_ADDRESS, ALICE.password);
  const bob = await createPeer(page, 'bob@home.example.net');
  await bob.sendFriendRequest(alice.address, 'Hi Alice');
  await alice.acceptRequestFrom(bob.address);
  await bob.sync();
  await alice.sync();
  await logIn(page, ALICE);
  await openChat(page, bob.address);
  await waitUntilChatOpen(page, bob.address);
  return { opened, page, bob };
}
