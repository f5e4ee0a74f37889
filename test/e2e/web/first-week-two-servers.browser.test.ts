/**
 * What a demanding first-week user ran into, on the production bundle with two real home servers:
 * each test is one of them, and fails without its fix.
 */
import { useFriendsOnTwoServers } from './friends-on-two-servers';
import type { Locator } from 'playwright-core';
import { addressOf, chooseMessageAction, deleteForEveryone, fillLogIn, logOut, messageLog, openAddFriend, replyTo, screenshot, sendMessage, waitForMessage, waitForSendState } from './pages';
import { gradientPng } from './test-pictures';

jest.setTimeout(180_000);

describe('a first week with the web app, across two home servers', () => {
  const friends = useFriendsOnTwoServers('web-real-first-week');

  it('keeps the whole of a friend request note that is too long and says by how much, instead of cutting it off unseen', async () => {
    const { page, problems } = await friends.aliceSignedIn();
    await openAddFriend(page);
    const note = `Hi, it is Alice from the climbing club. ${'We met at the crag on Sunday and you said to write. '.repeat(6)}`;
    expect(note.length).toBeGreaterThan(280);
    await page.getByLabel('Their address').fill(`carol@${friends.bob.server}`);
    await page.getByLabel('Note (optional)').fill(note);

    expect(await page.getByLabel('Note (optional)').inputValue()).toBe(note);
    const tooLong = page.locator('.field__error').filter({ hasText: `${note.length - 280} characters too long` });
    await tooLong.waitFor();
    await page.getByRole('button', { name: 'Send friend request' }).click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    expect(await page.getByRole('status').filter({ hasText: 'Friend request sent' }).count()).toBe(0);
    expect(await page.getByLabel('Note (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(problems).toEqual([]);
  });

  it('says in plain words what it removed from a picture before sending it, not the names of its file format', async () => {
    const page = await friends.aliceDevice();
    await page.getByLabel('Files to send').setInputFiles([{ name: 'crag.png', mimeType: 'image/png', buffer: gradientPng() }]);
    const note = page.getByRole('status').filter({ hasText: 'Removed from your pictures' });
    await note.waitFor();

    expect(await note.innerText()).toBe('Removed from your pictures before sending: text notes.');
  });

  it('keeps the composer and its Send button on a 360 × 640 phone the first time a chat shows the prompt to compare safety numbers', async () => {
    const page = await friends.bobDevice({ width: 360, height: 640 });
    const prompt = page.getByRole('note', { name: 'Safety numbers not compared' });
    await prompt.getByText('Until you compare them').waitFor();
    const bottomOf = async (locator: Locator): Promise<number> => {
      const box = await locator.boundingBox();
      return (box?.y ?? Infinity) + (box?.height ?? 0);
    };

    expect(await bottomOf(page.getByRole('button', { name: 'Send', exact: true }))).toBeLessThanOrEqual(640);
    expect(await bottomOf(page.getByRole('textbox', { name: `Message to ${addressOf(friends.alice)}` }))).toBeLessThanOrEqual(640);
    expect(await prompt.getByText('Safety numbers not compared yet').isVisible()).toBe(true);
    expect((await messageLog(page).boundingBox())?.height).toBeGreaterThanOrEqual(120);
  });

  it('says the server goes in its own field when the whole address is typed where the name goes', async () => {
    const { page, problems } = await friends.aliceSignedIn();
    await logOut(page);
    await fillLogIn(page, { ...friends.alice, name: addressOf(friends.alice) });
    await page.getByRole('button', { name: 'Log in', exact: true }).click();

    const error = page.locator('.field__error').filter({ hasText: 'Only the name goes here, the part before the @: the server has its own field.' });
    await error.waitFor();
    expect(await page.getByLabel('Name', { exact: true }).evaluate((field) => field === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('names the file a reply quotes when the quoted message is a file without text, in the composer and on both sides', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice();
    await alicePage.getByLabel('Files to send').setInputFiles([{ name: 'route-map.txt', mimeType: 'text/plain', buffer: Buffer.from('left at the oak') }]);
    const file = await waitForMessage(alicePage, 'route-map.txt', 'out');
    await waitForSendState(file, 'Sent');

    await chooseMessageAction(file, 'Reply');
    const strip = alicePage.locator('.composer__strip').filter({ hasText: 'Replying to' });
    await strip.waitFor();
    expect(await strip.innerText()).toContain('route-map.txt');
    const reply = await sendMessage(alicePage, 'This is the way up');
    await waitForSendState(reply, 'Sent');
    expect(await reply.locator('.message__quote').innerText()).toContain('route-map.txt');
    const received = await waitForMessage(bobPage, 'This is the way up', 'in');
    expect(await received.locator('.message__quote').innerText()).toContain('route-map.txt');
  });

  it('keeps the quote of a message that is one long word inside the reply on a phone', async () => {
    const alicePage = await friends.aliceDevice();
    const bobPage = await friends.bobDevice({ width: 360, height: 740 });
    const word = `https://example.org/${'pathsegment'.repeat(12)}`;
    await waitForSendState(await sendMessage(alicePage, word), 'Sent');
    const reply = await replyTo(bobPage, await waitForMessage(bobPage, word, 'in'), 'What is behind this link?');
    await waitForSendState(reply, 'Sent');
    await screenshot(bobPage, 'first-week-long-quote');

    const [bubble, quote, quoted] = await Promise.all([reply, reply.locator('.message__quote'), reply.locator('.message__quote-text')].map((part) => part.boundingBox()));
    expect(quoted!.x + quoted!.width).toBeLessThanOrEqual(quote!.x + quote!.width);
    expect(quote!.x + quote!.width).toBeLessThanOrEqual(bubble!.x + bubble!.width);
    // Broken over its two lines rather than cut at one.
    expect(quoted!.height).toBeGreaterThan(30);
  });

  it('ends an edit under way once another of our devices deleted its message, keeping the text typed for a new message', async () => {
    const laptop = await friends.aliceDevice();
    const phone = await friends.aliceDevice();
    const sent = await sendMessage(laptop, 'Meet at the north gate');
    await waitForSendState(sent, 'Sent');
    const onPhone = await waitForMessage(phone, 'Meet at the north gate', 'out');
    await chooseMessageAction(sent, 'Edit');
    const strip = laptop.locator('.composer__strip').filter({ hasText: 'Editing your message' });
    await strip.waitFor();
    const composer = laptop.getByRole('textbox', { name: `Message to ${addressOf(friends.bob)}` });
    await composer.fill('Meet at the south gate');

    await deleteForEveryone(phone, onPhone);
    await messageLog(laptop).getByText('You deleted this message.').waitFor();
    await strip.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await composer.inputValue()).toBe('Meet at the south gate');
    expect(await laptop.getByRole('button', { name: 'Send', exact: true }).isVisible()).toBe(true);
  });
});
