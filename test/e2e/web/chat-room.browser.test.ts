/**
 * Room for the messages in a chat, over the in-page fake network: nothing above the log that has
 * nothing to say (no "Load older messages" where there is nothing older), and on a 360 × 740 phone
 * the safety-number prompt and a disappearing-messages timer still leave the log most of the screen.
 */
import { ALICE_ADDRESS, aliceChatsWithBob as openAliceChat } from './alice-chats-with-bob';
import { useFakeAppSuite } from './fake-app-suite';
import { messageLog, waitForMessage } from './pages';

jest.setTimeout(120_000);

const suite = useFakeAppSuite('web-fake-chat-room');

const aliceChatsWithBob = () => openAliceChat(suite.browser, suite.server.url, suite.watched);

describe('room for the messages in a chat (fake network)', () => {
  it('offers no "Load older messages" in a new chat, nor in one whose whole history is shown', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await messageLog(page).getByText('No messages yet.').waitFor();
    expect(await page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
    expect(await page.getByText('Beginning of the conversation').count()).toBe(0);

    for (let n = 1; n <= 3; n += 1) await bob.sendMessage(ALICE_ADDRESS, `Hello number ${n}`);
    await waitForMessage(page, 'Hello number 3');
    expect(await page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
    expect(opened.problems).toEqual([]);
  });
});
