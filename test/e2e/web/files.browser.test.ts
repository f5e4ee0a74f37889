/**
 * Files (PROTOCOL §9) in the web app, over the in-page fake network: alice attaches a picture and
 * a text file (the picture gets a thumbnail both sides show), bob sends her a file she downloads
 * under its own name, and a broken file is shown as broken and never saved.
 */
import type { Page } from 'playwright-core';
import type { MessengerSession } from '../../../src/application/client/messenger';
import { ALICE_ADDRESS, aliceChatsWithBob as openAliceChat } from './alice-chats-with-bob';
import { useFakeAppSuite } from './fake-app-suite';
import { controlNetwork } from './fake-network-page';
import { screenshot } from './pages';
import { gradientPng } from './test-pictures';

jest.setTimeout(120_000);

/** Defined inside the page by createPeer. */
declare function peerSession(address: string): MessengerSession;

const suite = useFakeAppSuite('web-fake-files');

const aliceChatsWithBob = () => openAliceChat(suite.browser, suite.server.url, suite.watched);

const fileItem = (page: Page, name: string) => page.locator('.message-file').filter({ has: page.locator('.message-file__name', { hasText: name }) });

describe('files in the web app (fake network)', () => {
  it('sends a picture with a thumbnail and a text file, downloads a friend’s file under its name, and shows a broken one as broken', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    expect(await page.locator('.attachments__note').first().innerText()).toContain('Camera details and location are removed');

    await page.getByLabel('Files to send').setInputFiles([
      { name: 'garden.png', mimeType: 'image/png', buffer: gradientPng() },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello files') },
    ]);
    await fileItem(page, 'notes.txt').waitFor();
    const thumbnail = fileItem(page, 'garden.png').locator('img.message-file__thumbnail');
    await thumbnail.waitFor();
    expect(await thumbnail.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await fileItem(page, 'notes.txt').locator('.message-file__meta').innerText()).toBe('text/plain · 11 bytes');
    expect(await page.getByRole('status').filter({ hasText: 'Removed from your pictures' }).innerText()).toContain('Removed from your pictures before sending');
    const bobSees = await bob.conversation(ALICE_ADDRESS);
    const withFiles = bobSees.find((entry) => entry.kind === 'message' && entry.files.length === 2);
    expect(withFiles?.kind === 'message' && withFiles.files.map((file) => [file.name, file.thumbnail?.startsWith('data:image/jpeg') ?? false])).toEqual([
      ['garden.png', true],
      ['notes.txt', false],
    ]);

    await page.evaluate(
      async ([bob, alice]) => {
        const session = peerSession(bob);
        await session.sync();
        await session.sendFiles(alice, [{ name: '../report.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 not really') }]);
      },
      [bob.address, ALICE_ADDRESS] as const,
    );
    const report = fileItem(page, 'report.pdf');
    await report.waitFor();
    await screenshot(page, '24-files');
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Download report.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('report.pdf');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.4 not really');

    const reportId = await page.evaluate(async ([bob, alice]) => {
      const entry = peerSession(bob).conversation(alice).findLast((candidate) => candidate.kind === 'message' && candidate.files.length === 1);
      return entry?.kind === 'message' ? entry.id : '';
    }, [bob.address, ALICE_ADDRESS] as const);
    await controlNetwork(page, 'breakFile', reportId, 0);
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await report.getByRole('button', { name: 'Download report.pdf' }).click();
    await report.locator('.message-file__broken').waitFor();
    expect(await report.locator('.message-file__broken').innerText()).toContain('broken');
    expect(downloads).toBe(0);
    expect(opened.problems).toEqual([]);
  });

  it('sends files dropped on the chat and a pasted picture', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await page.evaluate(() => {
      const dropped = new DataTransfer();
      dropped.items.add(new File(['dropped text'], 'dropped.txt', { type: 'text/plain' }));
      document.querySelector('.chat')?.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    });
    await fileItem(page, 'dropped.txt').waitFor();
    await page.evaluate(async (png) => {
      const pasted = new DataTransfer();
      pasted.items.add(new File([Uint8Array.from(atob(png), (char) => char.charCodeAt(0))], 'image.png', { type: 'image/png' }));
      document.querySelector('textarea')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
    }, gradientPng().toString('base64'));
    await fileItem(page, 'image.png').locator('img.message-file__thumbnail').waitFor();
    const names = (await bob.conversation(ALICE_ADDRESS)).flatMap((entry) => (entry.kind === 'message' ? entry.files.map((file) => file.name) : []));
    expect(names).toEqual(['dropped.txt', 'image.png']);
    expect(opened.problems).toEqual([]);
  });
});
