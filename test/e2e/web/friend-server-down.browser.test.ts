/**
 * A friend request to a server that does not answer, in the production bundle: the alert names
 * that server, not the person's own, and says nothing was sent.
 */
import { createServer, type Socket } from 'node:net';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { expectProblems } from './chromium';
import { addressOf, logIn, openApp, submitFriendRequest, type Account } from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';

jest.setTimeout(120_000);

/** A port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
const closedPort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

/** A server on 127.0.0.1 that takes every connection and never says a word, and knows which it still holds. */
const silentServer = async (): Promise<{ readonly authority: string; readonly heldConnections: () => number; close(): Promise<void> }> => {
  const held = new Set<Socket>();
  const server = createServer((socket) => {
    // Only a connection a request came on: Chromium may also open one ahead, unused.
    socket.once('data', () => held.add(socket));
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    authority: `127.0.0.1:${address.port}`,
    heldConnections: () => held.size,
    close: async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

describe('a friend request to a server that does not answer (production bundle)', () => {
  const suite = useRealAppOnOneServer('web-friend-server-down');

  it('names their server in the alert, keeps the form, and lists no request', async () => {
    const server = suite.server;
    const alice: Account = { name: 'alice', server: authorityOf(server.url!), password: 'alice has a long passphrase' };
    await createNodeMessenger().messenger.register(addressOf(alice), alice.password).then((session) => session.logOut());
    const nowhere = `127.0.0.1:${await closedPort()}`;

    const { page } = await suite.openPage();
    // bob's server is a closed port, on purpose.
    expectProblems(page, /^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/);
    await openApp(page, server.url!);
    await logIn(page, alice);
    await submitFriendRequest(page, `bob@${nowhere}`, 'Hi Bob');

    const alert = page.locator('#main').getByRole('alert').filter({ hasText: `Could not reach ${nowhere}, the server of bob@${nowhere}.` });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('nothing was sent');
    expect(await page.getByLabel('Their address').inputValue()).toBe(`bob@${nowhere}`);
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('Hi Bob');
    expect(await page.getByText('Sent requests').count()).toBe(0);
  });

  it('says within seconds that their silent server is slow to answer, and Cancel stops the wait and keeps what was typed', async () => {
    const server = suite.server;
    const dora: Account = { name: 'dora', server: authorityOf(server.url!), password: 'dora has a long passphrase too' };
    await createNodeMessenger().messenger.register(addressOf(dora), dora.password).then((session) => session.logOut());
    const silent = await silentServer();
    try {
      const { page } = await suite.openPage();
      await openApp(page, server.url!);
      await logIn(page, dora);
      const started = Date.now();
      await submitFriendRequest(page, `bob@${silent.authority}`, 'Hi Bob, from the choir');

      const slow = page.getByRole('status').filter({ hasText: 'is slow to answer' });
      await slow.waitFor({ timeout: 15_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await slow.innerText()).toContain(`${silent.authority}, the server of bob@${silent.authority}, is slow to answer.`);
      expect(silent.heldConnections()).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Cancelled. No request was sent.' }).waitFor({ timeout: 5_000 });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await page.getByLabel('Their address').inputValue()).toBe(`bob@${silent.authority}`);
      expect(await page.getByLabel('Note (optional)').inputValue()).toBe('Hi Bob, from the choir');
      expect(await page.getByRole('button', { name: 'Send friend request' }).isEnabled()).toBe(true);
      // The wait really stopped: the browser let go of the connection it was asking on.
      for (const deadline = Date.now() + 5_000; silent.heldConnections() > 0 && Date.now() < deadline; ) await page.waitForTimeout(100);
      expect(silent.heldConnections()).toBe(0);
      expect(await page.getByText('Sent requests').count()).toBe(0);
    } finally {
      await silent.close();
    }
  });
});
