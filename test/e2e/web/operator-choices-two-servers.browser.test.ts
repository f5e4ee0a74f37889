/**
 * What a demanding first-month user ran into signing in again, after a password change on another device, and in a
 * chat, on the production bundle with two real home servers: each test is one of them, and fails without its fix.
 */
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import { fillLogIn, logOut } from './pages';

jest.setTimeout(180_000);

describe('signing in and chatting as a first-month user, across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-operator-choices');

  it('says only why a log-in failed, not the “You have logged out.” of before above it', async () => {
    const { page, problems } = await friends.aliceSignedIn();
    await logOut(page);
    const loggedOut = page.getByRole('status').filter({ hasText: 'You have logged out.' });
    await loggedOut.waitFor();

    await fillLogIn(page, friends.alice, 'not the password alice chose');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong address or password.' }).waitFor();
    expect(await loggedOut.count()).toBe(0);
    // The refused log-in is the one failed request the browser reports, as it does every 4xx.
    expect(problems).toEqual([expect.stringMatching(/^console error: Failed to load resource: .*401/)]);
  });
});
