/**
 * A friend request from someone on the person's own server, in the production bundle: the check
 * with "their server" is a check with the person's own one, and the request card says so.
 */
import { noImageCaptcha } from '../../integration/two-server-fixture';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';
import { addressOf, logIn, openApp, requestCard, type Account } from './pages';
import { useRealAppOnOneServer } from './real-app-on-one-server';

jest.setTimeout(120_000);

describe('a friend request from the same server (production bundle)', () => {
  const suite = useRealAppOnOneServer('web-same-server-request');

  it('does not warn that checking tells a stranger’s server the person’s IP address when the server is their own', async () => {
    const server = suite.server;
    const alice: Account = { name: 'alice', server: authorityOf(server.url!), password: 'alice has a long passphrase' };
    const carol = await createNodeMessenger().messenger.register(`carol@${alice.server}`, 'carol has a long passphrase too');
    await createNodeMessenger().messenger.register(addressOf(alice), alice.password).then((session) => session.logOut());
    await carol.sendFriendRequest(addressOf(alice), 'Hi Alice, Carol from down the hall', noImageCaptcha);

    const watched = await suite.openPage();
    const { page } = watched;
    await openApp(page, server.url!);
    await logIn(page, alice);
    const card = requestCard(page, carol.address);
    await card.waitFor({ timeout: 30_000 });
    const warning = card.locator('.request__warning');
    await expect(warning.innerText()).resolves.toContain(`your own server has not confirmed that this key is ${carol.address}'s`);
    expect(await warning.innerText()).not.toContain('IP address');
    expect(await warning.innerText()).not.toContain("stranger's server");

    await card.getByRole('button', { name: 'Check with their server' }).click();
    await page.getByRole('status').filter({ hasText: `${carol.address}'s own server confirms this request.` }).waitFor();
    expect(watched.problems).toEqual([]);
  });
});
