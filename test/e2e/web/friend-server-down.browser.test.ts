/**
 * A friend request to a server that does not answer, in the production bundle: the alert names
 * that server, not the person's own, and says nothing was sent.
 */
import { createServer } from 'node:net';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
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

describe('a friend request to a server that does not answer (production bundle)', () => {
  const suite = useRealAppOnOneServer('web-friend-server-down');

  it('names their server in the alert, keeps the form, and lists no request', async () => {
    const server = suite.server;
    const alice: Account = { name: 'alice', server: authorityOf(server.url!), password: 'alice has a long passphrase' };
    await createNodeMessenger().messenger.register(addressOf(alice), alice.password).then((session) => session.logOut());
    const nowhere = `127.0.0.1:${await closedPort()}`;

    const { page } = await suite.openPage();
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
});
