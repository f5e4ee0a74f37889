/**
 * Page objects for the starbase web app: each helper does what a person would do — find the
 * control by its visible label or role, type, click, press keys — and waits for the visible result.
 * They work against any Messenger behind the UI (the fake or the real client with home servers).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(__dirname, '../../../test-output/screenshots');

export interface Account {
  readonly name: string;
  /** `host[:port]` */
  readonly server: string;
  readonly password: string;
}

export const addressOf = (account: Account): string => `${account.name}@${account.server}`;

/** Returns the answer to an image captcha, given the image's data: URL (a test reads it some other way). */
export type CaptchaReader = (imageDataUrl: string) => Promise<string>;

const WAIT_MS = 30_000;

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  return path;
}

/** Waits until keyboard focus is on the element with exactly this text (a screen's heading). */
export async function waitForFocusOn(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => document.activeElement?.textContent === expected, text, { timeout: WAIT_MS });
}

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

const mainPane = (page: Page): Locator => page.locator('#main');
const contactsPane = (page: Page): Locator => page.getByRole('complementary', { name: 'Contacts' });

async function fillAddress(page: Page, account: Account): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(account.name);
  await page.getByLabel('Server', { exact: true }).fill(account.server);
}

/**
 * Waits until the signed-in shell shows, or fails with the error the app shows: in its alert, or under a field
 * the form refused, which sends nothing and would otherwise leave this waiting for the whole timeout.
 */
async function waitForSignedIn(page: Page): Promise<void> {
  const welcome = page.getByRole('navigation', { name: 'Main' });
  const failure = page.getByRole('alert').filter({ hasText: /\S/ }).or(page.locator('.field__error'));
  await welcome.or(failure).first().waitFor({ timeout: WAIT_MS });
  if (!(await welcome.isVisible())) throw new Error(`Sign-in failed: ${await failure.first().innerText()}`);
}

export async function showRegister(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Create your account' });
  if (!(await heading.isVisible())) await page.getByRole('button', { name: 'Create an account' }).click();
  await heading.waitFor();
}

export async function showLogIn(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Log in', level: 1 });
  if (!(await heading.isVisible())) await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await heading.waitFor();
}

export async function fillRegistration(page: Page, account: Account, confirmation = account.password): Promise<void> {
  await showRegister(page);
  await fillAddress(page, account);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Repeat password', { exact: true }).fill(confirmation);
}

/** The invite code field, shown when the server takes new accounts by invitation. */
export const inviteCodeField = (page: Page): Locator => page.getByLabel('Invite code', { exact: true });

export async function submitRegistration(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function registerAccount(page: Page, account: Account): Promise<void> {
  await fillRegistration(page, account);
  await page.getByRole('button', { name: 'Create account' }).click();
  await waitForSignedIn(page);
}

export async function fillLogIn(page: Page, account: Account, password = account.password): Promise<void> {
  await showLogIn(page);
  await fillAddress(page, account);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

export async function logIn(page: Page, account: Account): Promise<void> {
  await fillLogIn(page, account);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await waitForSignedIn(page);
}

/**
 * Logs in on a browser that last used other password parameters (the password was changed on
 * another device): the app asks first, and the person confirms they changed it.
 */
export async function logInAfterPasswordChangeElsewhere(page: Page, account: Account): Promise<void> {
  await fillLogIn(page, account);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  const prompt = page.getByRole('alertdialog', { name: 'Your password settings changed on the server' });
  await prompt.waitFor({ timeout: WAIT_MS });
  await prompt.getByRole('button', { name: 'I changed it — continue' }).click();
  await waitForSignedIn(page);
}

/** On a narrow screen the contact list is its own view: go back to it when needed. */
export async function showContacts(page: Page): Promise<Locator> {
  const back = page.getByRole('button', { name: '← Contacts' });
  if (await back.isVisible()) await back.click();
  const pane = contactsPane(page);
  await pane.waitFor();
  return pane;
}

export async function openAddFriend(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Add friend' }).click();
  await page.getByRole('heading', { name: 'Add a friend' }).waitFor();
}

export interface AddFriendOptions {
  readonly note?: string;
  /** Reads an image captcha; not needed when the recipient's server asks for proof of work. */
  readonly readCaptcha?: CaptchaReader;
}

/** Fills the form and submits; returns once a captcha is shown or the request went out or failed. */
export async function submitFriendRequest(page: Page, address: string, note = ''): Promise<void> {
  await openAddFriend(page);
  await page.getByLabel('Their address').fill(address);
  await page.getByLabel('Note (optional)').fill(note);
  await page.getByRole('button', { name: 'Send friend request' }).click();
}

export const captchaForm = (page: Page): Locator => page.getByRole('form', { name: 'Prove you are a person' });

export async function answerCaptcha(page: Page, readCaptcha: CaptchaReader): Promise<void> {
  const form = captchaForm(page);
  const image = await form.getByRole('img').getAttribute('src');
  if (image === null) throw new Error('The captcha has no image');
  await form.getByLabel('Characters in the picture').fill(await readCaptcha(image));
  await form.getByRole('button', { name: 'Send request' }).click();
}

/** Sends a friend request the way a person does, solving the captcha if one is shown. */
export async function addFriend(page: Page, address: string, options: AddFriendOptions = {}): Promise<void> {
  await submitFriendRequest(page, address, options.note);
  const sent = page.getByRole('status').filter({ hasText: `Friend request sent to ${address}` });
  const captcha = captchaForm(page);
  const failure = mainPane(page).getByRole('alert').filter({ hasText: /\S/ });
  await sent.or(captcha).or(failure).first().waitFor({ timeout: WAIT_MS });
  if (await captcha.isVisible()) {
    if (options.readCaptcha === undefined) throw new Error(`${address}'s server asks for an image captcha but no reader was given`);
    await answerCaptcha(page, options.readCaptcha);
    await sent.or(failure).first().waitFor({ timeout: WAIT_MS });
  }
  if (!(await sent.isVisible())) throw new Error(`Friend request failed: ${await failure.first().innerText()}`);
}

export const requestCard = (page: Page, from: string): Locator => page.getByRole('listitem', { name: `Friend request from ${from}` });

export async function acceptRequest(page: Page, from: string): Promise<void> {
  const contacts = await showContacts(page);
  const card = contacts.getByRole('listitem', { name: `Friend request from ${from}` });
  await card.waitFor({ timeout: WAIT_MS });
  await card.getByRole('button', { name: `Accept request from ${from}` }).click();
  // Accepting opens the new friend's conversation.
  await page.getByRole('heading', { name: from, level: 2 }).waitFor({ timeout: WAIT_MS });
}

export async function declineRequest(page: Page, from: string): Promise<void> {
  const contacts = await showContacts(page);
  const card = contacts.getByRole('listitem', { name: `Friend request from ${from}` });
  await card.waitFor({ timeout: WAIT_MS });
  await card.getByRole('button', { name: `Decline request from ${from}` }).click();
  await card.waitFor({ state: 'detached', timeout: WAIT_MS });
}

export const contactButton = (page: Page, address: string): Locator =>
  contactsPane(page).getByRole('button').filter({ has: page.getByText(address, { exact: true }) });

export async function openChat(page: Page, address: string): Promise<void> {
  await showContacts(page);
  await contactButton(page, address).click();
  await page.getByRole('heading', { name: address, level: 2 }).waitFor();
}

export const messageLog = (page: Page): Locator => page.getByRole('log');

/** Waits until the element `selector` names is inside the chat log's visible part (a smooth scroll has ended there). */
export async function waitUntilScrolledTo(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((selector) => {
    const element = document.querySelector(selector);
    const log = document.querySelector('[role="log"]');
    if (element === null || log === null) return false;
    const [inner, outer] = [element.getBoundingClientRect(), log.getBoundingClientRect()];
    return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  }, selector);
}

export async function waitUntilChatOpen(page: Page, address: string): Promise<void> {
  await page.getByRole('textbox', { name: `Message to ${address}` }).and(page.locator(':enabled')).waitFor({ timeout: WAIT_MS });
}

/** Types into the open chat and presses Enter, as a person does. */
export async function sendMessage(page: Page, text: string): Promise<Locator> {
  const composer = page.getByRole('textbox', { name: /^Message to / });
  await composer.fill(text);
  await composer.press('Enter');
  return messageLog(page).getByRole('listitem').filter({ hasText: text }).last();
}

export async function waitForMessage(page: Page, text: string, direction: 'in' | 'out' = 'in', timeout = WAIT_MS): Promise<Locator> {
  const message = messageLog(page).locator(`.message--${direction}`).filter({ hasText: text }).last();
  await message.waitFor({ timeout });
  return message;
}

/** Waits until an outgoing message shows the given send state ("Sent", "Not sent"). */
export async function waitForSendState(message: Locator, state: 'Sending…' | 'Sent' | 'Not sent'): Promise<void> {
  // The whole state, case and all: a text filter alone would take "Not sent" for "Sent".
  const whole = new RegExp(`(?:^|·)\\s*${state}\\s*$`);
  await message.locator('.message__state').filter({ hasText: whole }).waitFor({ timeout: WAIT_MS });
}

/** Opens the friend's safety number and returns it as 12 groups of 5 digits. */
export async function readSafetyNumber(page: Page, address: string): Promise<string[]> {
  await openChat(page, address);
  await page.getByRole('button', { name: 'Safety number', exact: true }).click();
  await page.getByRole('heading', { name: `Safety number with ${address}` }).waitFor();
  const grid = page.getByRole('list', { name: 'Safety number, 12 groups of 5 digits' });
  await grid.waitFor({ timeout: WAIT_MS });
  return grid.getByRole('listitem').allInnerTexts();
}

export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
}

export async function setOpenInbox(page: Page, open: boolean): Promise<void> {
  await openSettings(page);
  const toggle = page.getByRole('switch', { name: 'Open inbox' });
  if ((await toggle.isChecked()) !== open) await toggle.click();
  await page.getByRole('status').filter({ hasText: open ? 'Your inbox is now open.' : 'Your inbox is now closed' }).waitFor();
}

export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await openSettings(page);
  await page.getByLabel('Current password', { exact: true }).fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Repeat new password', { exact: true }).fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
}

/** Clicks "Export my data" and returns the downloaded file's name and text. */
export async function exportData(page: Page): Promise<{ fileName: string; text: string }> {
  await openSettings(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my data' }).click()]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

export async function logOut(page: Page): Promise<void> {
  await openSettings(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
}

export async function deleteAccount(page: Page, password: string): Promise<void> {
  await openSettings(page);
  await page.getByLabel('Password to confirm', { exact: true }).fill(password);
  await page.getByLabel('I understand that my account and messages will be gone for good.').check();
  await page.getByRole('button', { name: 'Delete my account' }).click();
}

// ---- PROTOCOL §11: replies, edits, deletes, reactions, receipts, disappearing messages ----------

export type MessageAction = 'Reply' | 'React' | 'Edit' | 'Delete for everyone';

/** Opens a message's ⋯ menu and picks an action. */
export async function chooseMessageAction(message: Locator, action: MessageAction): Promise<void> {
  await message.getByRole('button', { name: /^Actions for / }).click();
  await message.getByRole('menuitem', { name: action, exact: true }).click();
}

const composer = (page: Page): Locator => page.getByRole('textbox', { name: /^Message to / });

/** Replies to a message through its menu; returns the reply's bubble. */
export async function replyTo(page: Page, message: Locator, text: string): Promise<Locator> {
  await chooseMessageAction(message, 'Reply');
  await page.locator('.composer__strip').filter({ hasText: 'Replying to' }).waitFor();
  return sendMessage(page, text);
}

/** Edits one of our messages through its menu, replacing its whole text. */
export async function editOwnMessage(page: Page, message: Locator, text: string): Promise<void> {
  await chooseMessageAction(message, 'Edit');
  await page.locator('.composer__strip').filter({ hasText: 'Editing your message' }).waitFor();
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await messageLog(page).locator('.message--out').filter({ hasText: text }).filter({ hasText: 'edited' }).waitFor({ timeout: WAIT_MS });
}

/** Deletes one of our messages for everyone, confirming in the dialog. */
export async function deleteForEveryone(page: Page, message: Locator): Promise<void> {
  await chooseMessageAction(message, 'Delete for everyone');
  const dialog = page.getByRole('alertdialog', { name: 'Delete this message for everyone?' });
  await dialog.getByRole('button', { name: 'Delete for everyone' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Reacts with one of the picker's emoji, or types any other into its field. */
export async function reactTo(page: Page, message: Locator, emoji: string): Promise<void> {
  await chooseMessageAction(message, 'React');
  const picker = message.getByRole('dialog', { name: 'React to this message' });
  const quick = picker.getByRole('button', { name: `React with ${emoji}`, exact: true });
  if ((await quick.count()) > 0) await quick.click();
  else {
    await picker.getByLabel('Any emoji').fill(emoji);
    await picker.getByRole('button', { name: 'React', exact: true }).click();
  }
  await picker.waitFor({ state: 'detached' });
}

/** The reaction buttons under a message, as "👍 2" texts. */
export const reactionsOf = async (message: Locator): Promise<string[]> =>
  (await message.locator('.reaction').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());

/** Picks the open chat's disappearing-messages timer ("Off", "5 minutes", "1 hour", "1 day", "1 week"). */
export async function setDisappearingTimer(page: Page, choice: string): Promise<void> {
  await page.getByLabel('Disappearing messages').selectOption({ label: choice });
}

export async function setReadReceipts(page: Page, on: boolean): Promise<void> {
  await openSettings(page);
  const toggle = page.getByRole('switch', { name: 'Send and show read receipts' });
  if ((await toggle.isChecked()) !== on) await toggle.click();
  await page.getByRole('status').filter({ hasText: on ? 'Read receipts are on.' : 'Read receipts are off.' }).waitFor();
}
