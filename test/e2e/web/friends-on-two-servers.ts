import { createHash } from 'node:crypto';
import type { Browser, Download, Page } from 'playwright-core';
import { befriend } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import type { StarbaseConfig } from '../../../src/infrastructure/config';
import { startTestServer, type TestServer } from '../../support/test-server';
import { buildRealApp } from './build-app';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium';
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

/** A new browser context on `url` with `account` logged in, kept in `opened` for closing. */
export async function signedInDevice(
  browser: Browser,
  opened: WatchedPage[],
  target: { readonly url: string; readonly account: Account },
  viewport = { width: 1100, height: 800 },
): Promise<WatchedPage> {
  const watched = await openWatchedPage(browser, { viewport });
  opened.push(watched);
  await openApp(watched.page, target.url);
  await logIn(watched.page, target.account);
  return watched;
}

/** A new browser context on `url`, `account` logged in with its chat with `friend` open; kept in `opened` for closing. */
export async function chatDevice(
  browser: Browser,
  opened: WatchedPage[],
  target: { readonly url: string; readonly account: Account; readonly friend: Account },
  viewport = { width: 1100, height: 800 },
): Promise<Page> {
  const watched = await signedInDevice(browser, opened, target, viewport);
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

export interface FriendsOnTwoServers {
  /** alice's browser on her own server, her chat with bob open. */
  aliceDevice(): Promise<Page>;
  /** One of bob's devices on his own server, his chat with alice open. */
  bobDevice(viewport?: { width: number; height: number }): Promise<Page>;
  /** Another browser of alice's on her own server, signed in, no chat open. */
  aliceSignedIn(): Promise<WatchedPage>;
  /** A browser on the server of `account` (another account on alice's or bob's), signed in, no chat open. */
  signedIn(account: Account): Promise<Page>;
  readonly alice: Account;
  readonly bob: Account;
  /** The pages this test opened, with the problems they reported; closed after it. */
  readonly opened: WatchedPage[];
}

/**
 * The hooks of a two-server browser suite: the production bundle `appName` served by two real home
 * servers (alice's and bob's, pow captchas), alice and bob friends, one Chromium for the file, each
 * test's pages closed after it.
 * `serverConfig` goes into both servers' configuration (e.g. a smaller `fileBytes`).
 */
export function useFriendsOnTwoServers(appName: string, serverConfig: Partial<StarbaseConfig> = {}): FriendsOnTwoServers {
  let servers: { readonly alice: TestServer; readonly bob: TestServer } | undefined;
  let accounts: { readonly alice: Account; readonly bob: Account } | undefined;
  let browser: Browser | undefined;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    const app = buildRealApp(appName);
    const start = () => startTestServer({ listen: true, captcha: 'pow', config: { ...serverConfig, webRoot: app.directory } });
    servers = { alice: await start(), bob: await start() };
    accounts = await registerFriends(servers.alice.url!, servers.bob.url!);
    browser = await launchChromium();
  });

  // A device left open would go on syncing into the next test: its refusals and store conflicts
  // would count against that test, and its resends would change what that test sees.
  afterEach(async () => {
    for (const { context } of opened.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.bob.close();
    await servers?.alice.close();
  });

  const started = () => {
    if (servers === undefined || accounts === undefined || browser === undefined) throw new Error('the two-server suite has not started yet (use it inside tests)');
    return { servers, accounts, browser };
  };
  return {
    aliceDevice: () => {
      const { servers, accounts, browser } = started();
      return chatDevice(browser, opened, { url: servers.alice.url!, account: accounts.alice, friend: accounts.bob });
    },
    aliceSignedIn: () => {
      const { servers, accounts, browser } = started();
      return signedInDevice(browser, opened, { url: servers.alice.url!, account: accounts.alice });
    },
    signedIn: async (account) => {
      const { servers, browser } = started();
      const server = [servers.alice, servers.bob].find(({ url }) => authorityOf(url) === account.server);
      if (server === undefined) throw new Error(`${addressOf(account)} is on neither alice's nor bob's server`);
      return (await signedInDevice(browser, opened, { url: server.url!, account })).page;
    },
    bobDevice: (viewport) => {
      const { servers, accounts, browser } = started();
      return chatDevice(browser, opened, { url: servers.bob.url!, account: accounts.bob, friend: accounts.alice }, viewport);
    },
    get alice() {
      return started().accounts.alice;
    },
    get bob() {
      return started().accounts.bob;
    },
    opened,
  };
}
