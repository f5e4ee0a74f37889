/**
 * Room for the messages in a chat, over the in-page fake network: nothing above the log that has
 * nothing to say (no "Load older messages" where there is nothing older), and on a 360 × 740 phone
 * the safety-number prompt, a disappearing-messages timer and the attach bar still leave the log
 * much of the screen.
 */
import type { Page } from 'playwright-core';
import { ALICE_ADDRESS, aliceChatsWithBob as openAliceChat } from './alice-chats-with-bob';
import { useFakeAppSuite } from './fake-app-suite';
import { controlNetwork } from './fake-network-page';
import { messageLog, openChat, screenshot, setDisappearingTimer, waitForMessage } from './pages';

jest.setTimeout(120_000);

const suite = useFakeAppSuite('web-fake-chat-room');

const aliceChatsWithBob = () => openAliceChat(suite.browser, suite.server.url, suite.watched);

/** Chromium's own accessibility tree: the descriptions of the elements with this role and accessible name. */
async function accessibleDescriptions(page: Page, role: string, accessibleName: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodes } = await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, role, accessibleName });
    return nodes.map((node) => String(node.description?.value ?? ''));
  } finally {
    await cdp.detach();
  }
}

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

  /*
   * On this phone the timer and the prompt take one line each and the attach bar one row, which
   * leaves the log 304 px (41 %). Before: 128 px with the prompt in full and
   * the composer below the screen's edge; 237 px (32 %) with the attach bar's note over three lines.
   */
  it('leaves the log at least 40 % of a 360 × 740 phone with a timer set and the safety-number prompt seen before, folded to one line', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await page.setViewportSize({ width: 360, height: 740 });
    await setDisappearingTimer(page, '1 day');
    await page.getByText('You set messages to disappear after 1 day').waitFor();
    const prompt = page.getByRole('note', { name: 'Safety numbers not compared' });
    const compare = prompt.getByRole('button', { name: 'Compare safety numbers' });
    await compare.waitFor();
    expect(await prompt.innerText()).toContain('a server you both use could sit between you and read along');
    // Explained in full, the prompt still leaves the composer on screen (the timer's hint shows only while choosing).
    await messageLog(page).focus();
    const composer = await page.getByRole('textbox', { name: `Message to ${bob.address}` }).boundingBox();
    expect((composer?.y ?? 740) + (composer?.height ?? 0)).toBeLessThanOrEqual(740);

    for (let n = 1; n <= 3; n += 1) await bob.sendMessage(ALICE_ADDRESS, `Line ${n}`);
    await openChat(page, bob.address);
    await waitForMessage(page, 'Line 3');
    await prompt.waitFor();
    expect(await compare.isVisible()).toBe(false);
    const logHeight = (await messageLog(page).boundingBox())?.height ?? 0;
    expect(logHeight).toBeGreaterThanOrEqual(0.4 * 740);
    expect(await page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0)).toBeLessThanOrEqual(740);
    await screenshot(page, 'chat-phone');

    // The explanation and the button are one keypress away, and the header's "Safety number" is always there.
    const summary = prompt.getByText('Safety numbers not compared yet');
    await summary.focus();
    await page.keyboard.press('Enter');
    await compare.waitFor();
    await compare.click();
    await page.getByRole('img', { name: 'Safety number as a QR code' }).waitFor();
    expect(opened.problems).toEqual([]);
  });

  it('keeps the attach bar to one row on a 360 × 740 phone, and still tells screen readers that pictures lose camera details and location', async () => {
    const { opened, page } = await aliceChatsWithBob();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('button', { name: 'Attach files' }).waitFor();
    await messageLog(page).focus();

    // The bar's parts are the chat's own flex items (the bar itself is no box): it spans from the first shown part's top to the last one's bottom (a part heard, not shown, is 1 px).
    const attachBar = () =>
      page.locator('.attachments').evaluate((element) => {
        const parts = Array.from(element.children, (part) => part.getBoundingClientRect()).filter((rect) => rect.height > 1);
        const controls = Array.from(element.querySelectorAll('.attachments__controls > :not([hidden])'), (control) => control.getBoundingClientRect().height);
        return { height: Math.max(...parts.map((rect) => rect.bottom)) - Math.min(...parts.map((rect) => rect.top)), oneRow: Math.max(...controls) };
      });
    const before = await attachBar();
    expect(before.height).toBeLessThanOrEqual(before.oneRow + 1);
    const keep = page.getByRole('checkbox', { name: 'Keep camera and location in pictures', exact: true });
    expect(await keep.isChecked()).toBe(false);
    expect(await accessibleDescriptions(page, 'checkbox', 'Keep camera and location in pictures')).toEqual([
      'Camera details and location are removed from pictures before they are encrypted.',
    ]);

    // Ticked, pictures go out as they are: that is said on screen too, not only to screen readers.
    await keep.check();
    const warning = page.getByText('Pictures are sent as they are, with any camera details and location in them.');
    expect(await warning.isVisible()).toBe(true);
    expect((await attachBar()).height).toBeGreaterThan(before.oneRow + 10);
    expect(await accessibleDescriptions(page, 'checkbox', 'Keep camera and location in pictures')).toEqual([
      'Pictures are sent as they are, with any camera details and location in them.',
    ]);
    // Unticked again, the bar is one row again.
    await keep.uncheck();
    await messageLog(page).focus();
    const unticked = await attachBar();
    expect(unticked.height).toBeLessThanOrEqual(unticked.oneRow + 1);

    // From the keyboard the note shows in full.
    await keep.focus();
    await page.keyboard.press('Shift+Tab');
    await page.waitForFunction(() => document.activeElement?.textContent === 'Attach files');
    const fromKeyboard = await attachBar();
    expect(fromKeyboard.height).toBeGreaterThan(fromKeyboard.oneRow + 20);
    expect(opened.problems).toEqual([]);
  });

  it('shows a changed security key in full on a phone, even after the prompt to compare folded', async () => {
    const { opened, page, bob } = await aliceChatsWithBob();
    await page.setViewportSize({ width: 360, height: 740 });
    await openChat(page, bob.address);
    await page.getByRole('note', { name: 'Safety numbers not compared' }).waitFor();

    await controlNetwork(page, 'changeIdentityKey', bob.address);
    const warning = page.getByText(`${bob.address}'s security key changed.`);
    await warning.waitFor();
    expect(await warning.innerText()).toContain('Messages stay blocked: check the safety number with them by phone or in person.');
    const box = await warning.boundingBox();
    expect((box?.height ?? 0) > 40 && (box?.y ?? 740) + (box?.height ?? 0) <= 740).toBe(true);
    expect(await page.getByRole('note', { name: 'Safety numbers not compared' }).count()).toBe(0);
    expect(opened.problems).toEqual([]);
  });
});
