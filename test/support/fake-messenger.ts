/**
 * An in-memory Messenger for developing and testing the UI without servers or cryptography.
 * Accounts live in one FakeNetwork; two of them can befriend and chat through it, with the same
 * observable behaviour as the real client: progress stages, captchas, send states, gaps, live sync.
 * Runs in the browser (bundled into the test build of the web app) and in Node. The Messenger
 * contract (test/unit/client/messenger.contract.ts) runs against it and the real client alike.
 */
import {
  isEmptyDraft,
  MessengerError,
  type AccountOverview,
  type CaptchaSolver,
  type ClientOptions,
  type ConversationEntry,
  type DownloadWatch,
  type Draft,
  type FileDownload,
  type FileSave,
  type FileProgress,
  type FileToSend,
  type PendingUploadView,
  type FileView,
  type FriendStatus,
  type FriendView,
  type KdfChange,
  type IncomingRequestView,
  type LogOutOptions,
  type Messenger,
  type MessageRoom,
  type MessengerSession,
  type ProgressListener,
  type QuotedMessage,
  type ReactionView,
  type SearchOptions,
  type SearchResult,
  type SendOptions,
  type Unsubscribe,
} from '../../src/application/client/messenger';
import type { FileSink } from '../../src/application/ports/file-sink';
import { PLAIN_MESSAGE } from './plain-message';
import { fileSizeText } from '../../src/application/client/files/file-size-text';
import { isValidMessageId } from '../../src/domain/messaging/message';
import { matchWords, queryWords, snippetAround } from '../../src/domain/messaging/word-match';
import { displayFileName, filesPreview } from '../../src/domain/messaging/file-description';
import { isSingleEmoji, MAX_EXPIRES_IN_SECONDS, MIN_EXPIRES_IN_SECONDS } from '../../src/domain/messaging/message-kinds';

export interface FakeNetworkOptions {
  readonly captcha?: 'image' | 'pow';
  /** How long each simulated round trip takes. */
  readonly latencyMs?: number;
  readonly now?: () => number;
  /**
   * Messages per "page" of stored history: a login shows each chat's newest this many, and
   * loadOlder brings this many more, as the real client's sealed pages do (PROTOCOL §8.4).
   */
  readonly pageEntries?: number;
}

type Operation =
  | 'register'
  | 'logIn'
  | 'sync'
  | 'sendFriendRequest'
  | 'acceptFriendRequest'
  | 'declineFriendRequest'
  | 'removeFriend'
  | 'deleteChat'
  | 'blockContact'
  | 'unblockContact'
  | 'sendMessage'
  /** The write of any message (new, reply, edit) into the user's own store: failing, nothing is kept, as the real client's `unrecorded`. */
  | 'storeMessage'
  | 'editMessage'
  | 'deleteMessage'
  | 'react'
  | 'setDisappearingTimer'
  | 'sendFiles'
  | 'downloadFile'
  | 'setReadReceipts'
  | 'markRead'
  | 'safetyNumber'
  | 'setOpenInbox'
  | 'changePassword'
  | 'exportData'
  | 'deleteAccount'
  | 'logOut'
  | 'loadOlder'
  | 'search';

type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;


const isExpiredAt = (entry: ConversationEntry, now: number): boolean => entry.kind === 'message' && entry.expiresAt !== null && entry.expiresAt <= now;

const lastMessageOf = (entries: readonly ConversationEntry[]): FriendView['lastMessage'] => {
  const last = entries.filter((entry): entry is MessageEntry => entry.kind === 'message' && !entry.deleted && !entry.unsupported).at(-1);
  if (last === undefined) return null;
  const body = last.body === '' && last.files.length > 0 ? filesPreview(last.files.map((file) => file.name)) : last.body;
  return { body, direction: last.direction };
};

/** What travels under the friendship key (PROTOCOL §11); `future-type` plays a newer client's message. */
type Payload =
  | { readonly type: 'message'; readonly body: string; readonly replyTo?: string; readonly expiresIn?: number; readonly files?: readonly FileView[] }
  | { readonly type: 'edit'; readonly target: string; readonly body: string }
  | { readonly type: 'delete'; readonly target: string }
  | { readonly type: 'reaction'; readonly target: string; readonly emoji: string }
  | { readonly type: 'receipt'; readonly read: readonly string[] }
  | { readonly type: 'timer'; readonly seconds: number | null }
  | { readonly type: 'future-type' };

/** A sent file as both sides of the fake see it. */
interface StoredFile {
  readonly view: FileView;
  readonly bytes: Uint8Array;
}

/** §10's default fileBytes, and §9.1's chunk: progress moves in these steps. */
const FAKE_FILE_BYTES = 100 * 1024 * 1024;
const FAKE_CHUNK_BYTES = 1024 * 1024;
const sizeOfFile = (file: FileToSend): number => (file.bytes instanceof Uint8Array ? file.bytes.byteLength : file.bytes.size);

type TargetedPayload = Extract<Payload, { target: string }>;

const isTimer = (seconds: unknown): boolean =>
  seconds === null || (Number.isSafeInteger(seconds) && (seconds as number) >= MIN_EXPIRES_IN_SECONDS && (seconds as number) <= MAX_EXPIRES_IN_SECONDS);

/** One reaction per person per message: `by`'s earlier one goes, then `emoji` (unless "") is added. */
function withReaction(reactions: readonly ReactionView[], by: 'in' | 'out', emoji: string): ReactionView[] {
  const without = reactions.map((reaction) => ({ emoji: reaction.emoji, by: reaction.by.filter((who) => who !== by) })).filter((reaction) => reaction.by.length > 0);
  if (emoji === '') return without;
  const existing = without.find((reaction) => reaction.emoji === emoji);
  return existing === undefined
    ? [...without, { emoji, by: [by] }]
    : without.map((reaction) => (reaction === existing ? { emoji, by: [...reaction.by, by] } : reaction));
}

interface FriendRecord {
  readonly address: string;
  status: FriendStatus;
  note: string | null;
  unread: number;
  lastMessageAt: number | null;
  verified: boolean;
  safetyNumberVerified?: boolean;
  identityKey: string;
  entries: ConversationEntry[];
  /** Ids of messages that disappeared or were deleted here, so a reply's quote of one says it is gone. */
  readonly goneIds: Set<string>;
  nextSeqOut: number;
  lastSeqIn: number;
  disappearingTimer: number | null;
  /** Our messages the friend's receipts named (shown only while read receipts are on). */
  readonly readByFriend: Set<string>;
  /** Received messages no receipt has named yet. */
  unreceipted: string[];
  /** Edits, deletes and reactions whose target has not arrived yet: applied when it does. */
  waiting: TargetedPayload[];
}

interface RequestRecord {
  readonly id: string;
  readonly from: string;
  readonly note: string | null;
  readonly receivedAt: number;
  readonly identityKey: string;
}

type InboxItem =
  | { readonly kind: 'request'; readonly request: RequestRecord }
  | { readonly kind: 'accept'; readonly from: string; readonly identityKey: string }
  | { readonly kind: 'confirm'; readonly from: string }
  | { readonly kind: 'message'; readonly from: string; readonly id: string; readonly seq: number; readonly sentAt: number; readonly payload: Payload }
  | { readonly kind: 'remove'; readonly from: string }
  | { readonly kind: 'identity-changed'; readonly from: string; readonly identityKey: string };

interface Account {
  readonly address: string;
  password: string;
  identityKey: string;
  openInbox: boolean;
  readReceipts: boolean;
  readonly friends: Map<string, FriendRecord>;
  readonly requests: Map<string, RequestRecord>;
  /** Whose requests and messages sync drops unseen. */
  readonly blocked: Set<string>;
  inbox: InboxItem[];
  readonly sessions: Set<FakeSession>;
  storageWarning: string | null;
  securityWarning: string | null;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const CAPTCHA_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function canonicalAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  const name = trimmed.slice(0, at);
  const authority = trimmed.slice(at + 1);
  if (at <= 0 || !NAME_PATTERN.test(name) || !/^[a-z0-9.[\]:-]+$/.test(authority)) {
    throw new MessengerError('invalid_address', `Not an address: ${address}`);
  }
  return `${name}@${authority.replace(/:443$/, '')}`;
}

/** FNV-1a: a stable, dependency-free stand-in for the real fingerprint hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function fingerprintDigits(address: string, identityKey: string): string {
  let digits = '';
  for (let round = 0; digits.length < 30; round += 1) {
    digits += String(fnv1a(`${round}|${identityKey}|${address}`) % 100000).padStart(5, '0');
  }
  return digits;
}

function captchaImage(answer: string): string {
  const letters = [...answer]
    .map((letter, index) => `<text x="${18 + index * 30}" y="${42 + (index % 2) * 8}" transform="rotate(${index % 2 === 0 ? -8 : 7} ${18 + index * 30} 40)">${letter}</text>`)
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="64" viewBox="0 0 180 64">` +
    `<rect width="180" height="64" fill="#f3f0e6"/>` +
    `<path d="M5 20 Q60 60 120 15 T178 40" stroke="#8a7f9e" stroke-width="2" fill="none"/>` +
    `<g font-family="monospace" font-size="30" font-weight="bold" fill="#2a2440">${letters}</g></svg>`;
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

type DatedEntry = Exclude<ConversationEntry, { kind: 'gap' }>;
const datedEntries = (entries: readonly ConversationEntry[]): DatedEntry[] => entries.filter((entry): entry is DatedEntry => entry.kind !== 'gap');

const ARGON2_COST = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
const CHANGED_PASSWORD_PARAMETERS: KdfChange = { saltChanged: true, before: ARGON2_COST, after: ARGON2_COST };

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeNetwork {
  private readonly accounts = new Map<string, Account>();
  private readonly files = new Map<string, readonly StoredFile[]>();
  private readonly brokenFiles = new Set<string>();
  private readonly failures = new Map<Operation, string>();
  private readonly failingRecipients = new Set<string>();
  private readonly droppedNext = new Set<string>();
  /** By message id: what a failed message would have dropped, kept for a retry. */
  private readonly undelivered = new Map<string, { readonly recipient: string; readonly item: InboxItem }>();
  private readonly captchaKind: 'image' | 'pow';
  private readonly latencyMs: number;
  private readonly now: () => number;
  /** @internal */
  readonly pageEntries: number;
  private counter = 0;
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private held: Promise<void> | null = null;
  private releaseHeld: (() => void) | null = null;
  private draftWritesHeld: Promise<void> | null = null;
  private releaseDraftWrites: (() => void) | null = null;
  private storesHeld: Promise<void> | null = null;
  private releaseStores: (() => void) | null = null;
  private deliveriesHeld: Promise<void> | null = null;
  private releaseDeliveries: (() => void) | null = null;
  /** Accounts whose server now asks for other password parameters than this browser last used. */
  private readonly passwordParametersChanged = new Set<string>();
  /** What keepDraft kept, by account then friend: the fake's one device, in plaintext (it has no keys). */
  readonly keptDrafts = new Map<string, Map<string, Draft>>();
  /** Accounts logged out with "Forget this browser" (the fake keeps no cache to delete). */
  readonly forgottenBrowsers: string[] = [];
  /** The answer to the most recent image captcha, for tests that play the person reading it. */
  lastCaptchaAnswer: string | null = null;

  constructor(options: FakeNetworkOptions = {}) {
    this.captchaKind = options.captcha ?? 'image';
    this.latencyMs = options.latencyMs ?? 20;
    this.now = options.now ?? (() => Date.now());
    this.pageEntries = options.pageEntries ?? 50;
  }

  messenger(): Messenger {
    return {
      register: (address, password, options) => this.register(address, password, options),
      logIn: (address, password, options) => this.logIn(address, password, options),
      // The fake keeps nothing on the device: every page load starts signed out.
      resume: async () => null,
    };
  }

  // ---- test controls -------------------------------------------------------------------------

  /** The next call of `operation` fails with `code` (as the real client would report it). */
  failNext(operation: Operation, code: string): void {
    this.failures.set(operation, code);
  }

  /** Messages to `address` fail to deliver while set. */
  failDeliveriesTo(address: string, failing = true): void {
    if (failing) this.failingRecipients.add(canonicalAddress(address));
    else this.failingRecipients.delete(canonicalAddress(address));
  }

  /** The next message from `from` to `to` is lost on the way, so the recipient sees a gap. */
  dropNextMessage(from: string, to: string): void {
    this.droppedNext.add(`${canonicalAddress(from)}>${canonicalAddress(to)}`);
  }

  /** Every slow operation stops halfway through its progress reports until release(): for screenshots. */
  hold(): void {
    if (this.held !== null) return;
    this.held = new Promise((resolve) => {
      this.releaseHeld = resolve;
    });
  }

  release(): void {
    this.releaseHeld?.();
    this.held = null;
    this.releaseHeld = null;
  }

  /** While held, keepDraft does not finish, as a device write that is slow or stuck; letting go finishes the held ones. */
  holdDraftWrites(held: boolean): void {
    if (held) {
      this.draftWritesHeld ??= new Promise((resolve) => (this.releaseDraftWrites = resolve));
      return;
    }
    this.releaseDraftWrites?.();
    this.draftWritesHeld = null;
    this.releaseDraftWrites = null;
  }

  /** While held, a message or an edit the user sends waits before the user's own store answers (stored, or refused by failNext): a slow server. */
  holdStores(held: boolean): void {
    if (held) {
      this.storesHeld ??= new Promise((resolve) => (this.releaseStores = resolve));
      return;
    }
    this.releaseStores?.();
    this.storesHeld = null;
    this.releaseStores = null;
  }

  /** While held, a message the user sends stays "Sending…": its drop to the friend's server waits, as on a slow server. */
  holdDeliveries(held: boolean): void {
    if (held) {
      this.deliveriesHeld ??= new Promise((resolve) => (this.releaseDeliveries = resolve));
      return;
    }
    this.releaseDeliveries?.();
    this.deliveriesHeld = null;
    this.releaseDeliveries = null;
  }

  /** The account's password was changed elsewhere (a new salt): the next log-in here asks first, and stops unless confirmed. */
  changePasswordParameters(address: string): void {
    this.passwordParametersChanged.add(canonicalAddress(address));
  }

  /** The account gets a new identity key; its friends see a hard stop. */
  changeIdentityKey(address: string): void {
    const account = this.account(canonicalAddress(address));
    account.identityKey = this.newKey(account.address);
    for (const friend of account.friends.values()) {
      this.deliver(friend.address, { kind: 'identity-changed', from: account.address, identityKey: account.identityKey });
    }
  }

  setWarnings(address: string, warnings: { storage?: string | null; security?: string | null }): void {
    const account = this.account(canonicalAddress(address));
    if (warnings.storage !== undefined) account.storageWarning = warnings.storage;
    if (warnings.security !== undefined) account.securityWarning = warnings.security;
    this.notify(account);
  }

  /** `from`'s client sends `to` a message of a type this app does not know (a newer version's). */
  sendUnsupported(from: string, to: string): void {
    const sender = this.account(canonicalAddress(from));
    const friend = sender.friends.get(canonicalAddress(to));
    if (friend === undefined) throw new MessengerError('not_friends', `${from} is not friends with ${to}`);
    const seq = friend.nextSeqOut;
    friend.nextSeqOut += 1;
    this.deliver(friend.address, { kind: 'message', from: sender.address, id: this.nextId('future'), seq, sentAt: this.now(), payload: { type: 'future-type' } });
  }

  hasAccount(address: string): boolean {
    return this.accounts.has(canonicalAddress(address));
  }

  // ---- the simulated client and servers -----------------------------------------------------

  async register(address: string, password: string, options: ClientOptions = {}): Promise<MessengerSession> {
    const canonical = canonicalAddress(address);
    const report = options.onProgress;
    await this.derive(report);
    report?.('contacting-server');
    await this.roundTrip('register');
    if (this.accounts.has(canonical)) throw new MessengerError('name_taken', `${canonical} exists`);
    report?.('encrypting');
    await this.roundTrip();
    const account: Account = {
      address: canonical,
      password,
      identityKey: this.newKey(canonical),
      openInbox: false,
      readReceipts: false,
      friends: new Map(),
      requests: new Map(),
      blocked: new Set(),
      inbox: [],
      sessions: new Set(),
      storageWarning: null,
      securityWarning: null,
    };
    this.accounts.set(canonical, account);
    return this.openSession(account, report);
  }

  async logIn(address: string, password: string, options: ClientOptions = {}): Promise<MessengerSession> {
    const canonical = canonicalAddress(address);
    const report = options.onProgress;
    report?.('contacting-server');
    await this.roundTrip('logIn');
    if (this.passwordParametersChanged.has(canonical)) {
      // As the real client: asked before the password is used, and nothing goes further unless confirmed.
      if (!((await options.confirmKdfChange?.(CHANGED_PASSWORD_PARAMETERS)) ?? false)) {
        throw new MessengerError('kdf_changed', `${canonical}'s server changed the password parameters; nothing was sent.`);
      }
      this.passwordParametersChanged.delete(canonical);
    }
    await this.derive(report);
    const account = this.accounts.get(canonical);
    if (account === undefined || account.password !== password) throw new MessengerError('wrong_password', 'Login failed');
    report?.('syncing');
    await this.roundTrip();
    return this.openSession(account, report, true);
  }

  /** @internal used by FakeSession */
  async roundTrip(operation?: Operation): Promise<void> {
    if (operation === 'sendMessage') await this.deliveriesHeld;
    await delay(this.latencyMs);
    if (operation === undefined) return;
    const code = this.failures.get(operation);
    if (code !== undefined) {
      this.failures.delete(operation);
      throw new MessengerError(code, `Injected failure of ${operation}`);
    }
  }

  /** @internal: a message the user's own store refused, reported as the real client does (nothing kept, nothing resent). */
  async refuseToStore(): Promise<void> {
    await this.storesHeld;
    const code = this.failures.get('storeMessage');
    if (code === undefined) return;
    this.failures.delete('storeMessage');
    throw new MessengerError(code, 'Injected failure of storeMessage', { unrecorded: true });
  }

  /** @internal used by FakeSession.keepDraft */
  async untilDraftWritesGo(): Promise<void> {
    await this.draftWritesHeld;
  }

  /** @internal */
  async derive(report: ProgressListener | undefined): Promise<void> {
    for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
      if (fraction === 0.75 && this.held !== null) await this.held;
      await delay(this.latencyMs);
      report?.('deriving-keys', fraction);
    }
  }

  /** @internal */
  async captcha(recipient: string, solve: CaptchaSolver, report: ProgressListener | undefined): Promise<void> {
    const expiresAt = this.now() + 5 * 60_000;
    if (this.captchaKind === 'pow') {
      for (const fraction of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
        if (fraction === 0.6 && this.held !== null) await this.held;
        await delay(this.latencyMs);
        report?.('solving-captcha', fraction);
      }
      return;
    }
    // Like the real client: a miss gets a fresh picture for the same request.
    for (let retry = false; ; retry = true) {
      let answer = '';
      for (let i = 0; i < 5; i += 1) answer += CAPTCHA_ALPHABET[fnv1a(`${recipient}|${this.nextId('captcha')}`) % CAPTCHA_ALPHABET.length];
      this.lastCaptchaAnswer = answer;
      const given = await solve({ kind: 'image', image: captchaImage(answer), expiresAt, retry, proofOfWorkOffered: false });
      await this.roundTrip();
      if (typeof given === 'string' && given.trim().toUpperCase() === answer) return;
    }
  }

  /** @internal */
  account(address: string): Account {
    const account = this.accounts.get(address);
    if (account === undefined) throw new MessengerError('not_found', `No account ${address}`);
    return account;
  }

  /** @internal */
  removeAccount(account: Account): void {
    this.accounts.delete(account.address);
  }

  /** @internal drops an item into the recipient's inbox; live sessions pick it up. */
  deliver(recipient: string, item: InboxItem): void {
    const account = this.accounts.get(recipient);
    if (account === undefined) return;
    account.inbox.push(item);
    for (const session of account.sessions) session.wake();
  }

  /** @internal a failed message's drop, for retryMessage to send later. */
  keepUndelivered(recipient: string, item: InboxItem & { readonly kind: 'message' }): void {
    this.undelivered.set(item.id, { recipient, item });
  }

  /** @internal */
  undeliveredMessage(messageId: string): { readonly recipient: string; readonly item: InboxItem } | undefined {
    return this.undelivered.get(messageId);
  }

  /** @internal */
  forgetUndelivered(messageId: string): void {
    this.undelivered.delete(messageId);
  }

  /** @internal */
  deliveryFails(recipient: string): boolean {
    return this.failingRecipients.has(recipient);
  }

  /** @internal */
  takeDropped(from: string, to: string): boolean {
    return this.droppedNext.delete(`${from}>${to}`);
  }

  /** @internal expired messages go first, and the next expiry is scheduled to notify again. */
  notify(account: Account): void {
    const now = this.now();
    let next = Infinity;
    for (const friend of account.friends.values()) {
      for (const entry of friend.entries) if (entry.kind === 'message' && isExpiredAt(entry, now)) friend.goneIds.add(entry.id);
      friend.entries = friend.entries.filter((entry) => !isExpiredAt(entry, now));
      for (const entry of friend.entries) if (entry.kind === 'message' && entry.expiresAt !== null) next = Math.min(next, entry.expiresAt);
    }
    clearTimeout(this.expiryTimers.get(account.address));
    if (next !== Infinity) {
      const timer = setTimeout(() => this.notify(account), Math.min(next - now + 1, 2 ** 31 - 1));
      (timer as { unref?: () => void }).unref?.();
      this.expiryTimers.set(account.address, timer);
    }
    for (const session of account.sessions) session.emit();
  }

  /** @internal */
  /** The files a message carries, by message id (both sides read the same bytes, as from their own stores). */
  keepFiles(messageId: string, files: readonly StoredFile[]): void {
    this.files.set(messageId, files);
  }

  fileOf(messageId: string, fileIndex: number): (StoredFile & { readonly broken: boolean }) | undefined {
    const file = this.files.get(messageId)?.[fileIndex];
    return file === undefined ? undefined : { ...file, broken: this.brokenFiles.has(`${messageId}/${fileIndex}`) };
  }

  /** The file downloads as broken (a missing chunk or hash mismatch in the real client). */
  breakFile(messageId: string, fileIndex: number): void {
    this.brokenFiles.add(`${messageId}/${fileIndex}`);
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  /** @internal */
  timestamp(): number {
    return this.now();
  }

  /** @internal */
  get latency(): number {
    return this.latencyMs;
  }

  private newKey(address: string): string {
    return `${fnv1a(`${address}|${this.nextId('key')}`).toString(16)}${fnv1a(address).toString(16)}`;
  }

  private openSession(account: Account, onProgress: ProgressListener | undefined, fromStore = false): MessengerSession {
    const session = new FakeSession(this, account, onProgress);
    if (fromStore) session.showNewestPage();
    account.sessions.add(session);
    return session;
  }
}

/** One logged-in device of an account. */
class FakeSession implements MessengerSession {
  // The fake keeps no sign-in on the device (resume answers null): nothing to fail at.
  readonly keptSignInFailure = null;
  private readonly listeners = new Set<(overview: AccountOverview) => void>();
  private readonly errorListeners = new Set<(error: Error | null) => void>();
  private backgroundFailing = false;
  private live = false;
  private closed = false;
  private wakeScheduled = false;
  /** By friend: the chat shows entries sent since then; older ones wait for loadOlder. */
  private readonly shownSince = new Map<string, number>();

  constructor(
    private readonly network: FakeNetwork,
    private readonly account: Account,
    /** The log-in listener: the real client reports later progress (a pow captcha) through it too. */
    private readonly progress: ProgressListener | undefined,
  ) {}

  get address(): string {
    return this.account.address;
  }

  overview(): AccountOverview {
    const friends: FriendView[] = [...this.account.friends.values()].map((friend) => ({
      address: friend.address,
      status: friend.status,
      note: friend.note,
      unread: friend.unread,
      lastMessageAt: friend.lastMessageAt,
      lastMessage: lastMessageOf(this.conversation(friend.address)),
      verified: friend.verified,
      safetyNumberVerified: friend.safetyNumberVerified ?? false,
      disappearingTimer: friend.disappearingTimer,
    }));
    // As the real overview: a blocked address's request is never offered.
    const waiting = [...this.account.requests.values()].filter((request) => !this.account.blocked.has(request.from));
    const incomingRequests: IncomingRequestView[] = waiting.map((request) => ({
      id: request.id,
      from: request.from,
      note: request.note,
      receivedAt: request.receivedAt,
      verified: true,
      proven: true,
    }));
    return {
      address: this.account.address,
      openInbox: this.account.openInbox,
      readReceipts: this.account.readReceipts,
      friends,
      incomingRequests,
      blocked: [...this.account.blocked].sort(),
      storageWarning: this.account.storageWarning,
      securityWarning: this.account.securityWarning,
    };
  }

  onChange(listener: (overview: AccountOverview) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async sync(): Promise<void> {
    this.ensureOpen();
    await this.network.roundTrip('sync');
    this.ensureOpen();
    const items = this.account.inbox;
    this.account.inbox = [];
    for (const item of items) this.apply(item);
    if (items.length > 0) this.network.notify(this.account);
    if (this.backgroundFailing) this.reportBackground(null);
  }

  onBackgroundError(listener: (error: Error | null) => void): Unsubscribe {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  goLive(): Unsubscribe {
    this.live = true;
    if (this.account.inbox.length > 0) this.wake();
    return () => {
      this.live = false;
    };
  }

  async sendFriendRequest(address: string, note: string, solveCaptcha: CaptchaSolver): Promise<void> {
    this.ensureOpen();
    const recipient = canonicalAddress(address);
    if (recipient === this.address) throw new MessengerError('validation_failed', 'Cannot befriend oneself');
    if (this.account.blocked.has(recipient)) throw new MessengerError('not_friends', `You blocked ${recipient}. Unblock them first.`);
    await this.network.roundTrip('sendFriendRequest');
    const target = this.network.account(recipient);
    const existing = this.account.friends.get(recipient);
    if (existing !== undefined && existing.status === 'established') {
      throw new MessengerError('already_friends', `Already friends with ${recipient}`);
    }
    await this.network.captcha(recipient, solveCaptcha, this.progress);
    this.account.friends.set(recipient, this.newFriend(recipient, 'pending-outgoing', note === '' ? null : note, target.identityKey));
    this.network.notify(this.account);
    this.network.deliver(recipient, {
      kind: 'request',
      request: {
        id: this.network.nextId('request'),
        from: this.address,
        note: note === '' ? null : note,
        receivedAt: this.network.timestamp(),
        identityKey: this.account.identityKey,
      },
    });
  }

  async acceptFriendRequest(requestId: string): Promise<void> {
    this.ensureOpen();
    const request = this.account.requests.get(requestId);
    if (request === undefined) throw new MessengerError('not_found', 'No such request');
    if (this.account.blocked.has(request.from)) {
      throw new MessengerError('not_friends', `You blocked ${request.from}, maybe on another device, so their request was declined. To be friends, unblock them and send them a friend request.`);
    }
    await this.network.roundTrip('acceptFriendRequest');
    this.account.requests.delete(requestId);
    this.account.friends.set(request.from, this.newFriend(request.from, 'awaiting-confirmation', request.note, request.identityKey));
    this.network.notify(this.account);
    this.network.deliver(request.from, { kind: 'accept', from: this.address, identityKey: this.account.identityKey });
  }

  async declineFriendRequest(requestId: string): Promise<void> {
    this.ensureOpen();
    await this.network.roundTrip('declineFriendRequest');
    this.account.requests.delete(requestId);
    this.network.notify(this.account);
  }

  async markSafetyNumberVerified(address: string, verified: boolean): Promise<void> {
    this.ensureOpen();
    await this.network.roundTrip('safetyNumber');
    this.friend(address).safetyNumberVerified = verified;
    this.network.notify(this.account);
  }

  /** The fake's requests are all genuine: there is nothing to look up. */
  async checkSender(): Promise<void> {
    this.ensureOpen();
  }

  async checkAnsweredSenders(): Promise<void> {
    this.ensureOpen();
  }

  async removeFriend(address: string): Promise<void> {
    this.ensureOpen();
    const friend = this.friend(address);
    await this.network.roundTrip('removeFriend');
    friend.status = 'removed';
    this.network.notify(this.account);
    this.network.deliver(friend.address, { kind: 'remove', from: this.address });
  }

  async blockContact(address: string): Promise<void> {
    this.ensureOpen();
    const blocked = canonicalAddress(address);
    await this.network.roundTrip('blockContact');
    // Their waiting request stays, hidden and refused, as on a device of ours that has not synced since; the unblock drops it.
    this.account.blocked.add(blocked);
    const friend = this.account.friends.get(blocked);
    if (friend !== undefined && friend.status !== 'removed' && friend.status !== 'gone') {
      const told = friend.status !== 'pending-outgoing';
      friend.status = 'removed';
      if (told) this.network.deliver(blocked, { kind: 'remove', from: this.address });
    }
    this.network.notify(this.account);
  }

  async unblockContact(address: string): Promise<void> {
    this.ensureOpen();
    const unblocked = canonicalAddress(address);
    await this.network.roundTrip('unblockContact');
    this.account.blocked.delete(unblocked);
    for (const request of this.account.requests.values()) if (request.from === unblocked) this.account.requests.delete(request.id);
    this.network.notify(this.account);
  }

  async deleteChat(address: string): Promise<void> {
    this.ensureOpen();
    const friend = this.friend(address);
    if (friend.status !== 'removed' && friend.status !== 'gone') {
      throw new MessengerError('already_friends', `You are still friends with ${friend.address}: remove them before deleting the chat.`);
    }
    await this.network.roundTrip('deleteChat');
    // The fake's account is shared by its devices: every one of them forgets the chat at once.
    this.account.friends.delete(friend.address);
    await this.keepDraft(friend.address, { text: '' });
    this.network.notify(this.account);
  }

  /** @internal a session that logged in shows each chat's newest page only, as a real new device does. */
  showNewestPage(): void {
    for (const friend of this.account.friends.values()) {
      const dated = datedEntries(friend.entries);
      const first = dated[dated.length - this.network.pageEntries];
      if (first !== undefined) this.shownSince.set(friend.address, first.sentAt);
    }
  }

  async loadOlder(address: string): Promise<boolean> {
    this.ensureOpen();
    const friend = this.friend(address);
    const since = this.shownSince.get(friend.address);
    if (since === undefined) return false;
    await this.network.roundTrip('loadOlder');
    const older = datedEntries(friend.entries).filter((entry) => entry.sentAt < since);
    const first = older[older.length - this.network.pageEntries];
    if (first === undefined || first === older[0]) this.shownSince.delete(friend.address);
    else this.shownSince.set(friend.address, first.sentAt);
    this.emit();
    return this.shownSince.has(friend.address);
  }

  hasOlder(address: string): boolean {
    const friend = this.account.friends.get(canonicalAddress(address));
    const since = friend === undefined ? undefined : this.shownSince.get(friend.address);
    return friend !== undefined && since !== undefined && datedEntries(friend.entries).some((entry) => entry.sentAt < since);
  }

  async search(query: string, options: SearchOptions = {}): Promise<readonly SearchResult[]> {
    this.ensureOpen();
    const words = queryWords(query);
    if (words.length === 0) return [];
    const friends = [...this.account.friends.values()];
    const sentAts = friends.flatMap((friend) => datedEntries(friend.entries).map((entry) => entry.sentAt)).sort((a, b) => b - a);
    const pagesTotal = Math.floor(sentAts.length / this.network.pageEntries);
    const results = friends
      .flatMap((friend) =>
        this.allEntries(friend.address).flatMap((entry) => {
          if (entry.kind !== 'message' || entry.deleted) return [];
          const span = matchWords(entry.body, words);
          if (span === null) return [];
          const snippet = snippetAround(entry.body, span);
          return [{ friend: friend.address, messageId: entry.id, direction: entry.direction, sentAt: entry.sentAt, snippet: snippet.text, match: snippet.match, expiresAt: entry.expiresAt }];
        }),
      )
      .reverse()
      .sort((a, b) => b.sentAt - a.sentAt);
    // Like the real client: the tail's results first, then each page's, newest first.
    let reported = 0;
    const report = (pagesDone: number) => {
      const oldestRead = sentAts[(pagesDone + 1) * this.network.pageEntries - 1];
      const soFar = pagesDone === pagesTotal || oldestRead === undefined ? results : results.filter((result) => result.sentAt >= oldestRead);
      if (soFar.length > reported) options.onResults?.(soFar);
      reported = soFar.length;
    };
    report(0);
    options.onProgress?.({ pagesDone: 0, pagesTotal });
    for (let pagesDone = 1; pagesDone <= pagesTotal; pagesDone++) {
      if (options.signal?.aborted) throw new MessengerError('search_cancelled', 'The search was stopped.');
      await this.network.roundTrip('search');
      options.onProgress?.({ pagesDone, pagesTotal });
      report(pagesDone);
    }
    if (options.signal?.aborted) throw new MessengerError('search_cancelled', 'The search was stopped.');
    return results;
  }

  conversation(address: string): readonly ConversationEntry[] {
    const entries = this.allEntries(address);
    const since = this.shownSince.get(canonicalAddress(address));
    if (since === undefined) return entries;
    const first = entries.findIndex((entry) => entry.kind !== 'gap' && entry.sentAt >= since);
    return first === -1 ? [] : entries.slice(first);
  }

  private allEntries(address: string): readonly ConversationEntry[] {
    const friend = this.account.friends.get(canonicalAddress(address));
    if (friend === undefined) return [];
    const now = this.network.timestamp();
    const live = friend.entries.filter((entry) => !isExpiredAt(entry, now));
    const quote = (id: string): QuotedMessage => {
      const quoted = live.find((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === id);
      if (quoted === undefined) return { id, direction: null, snippet: null, gone: friend.goneIds.has(id) || friend.entries.some((entry) => entry.kind === 'message' && entry.id === id) };
      return quoted.deleted || quoted.unsupported
        ? { id, direction: quoted.direction, snippet: null, gone: false }
        : { id, direction: quoted.direction, snippet: quoted.body === '' && quoted.files.length > 0 ? filesPreview(quoted.files.map((file) => file.name)) : quoted.body, gone: false };
    };
    return live.map((entry) =>
      entry.kind !== 'message'
        ? entry
        : {
            ...entry,
            replyTo: entry.replyTo === null ? null : quote(entry.replyTo.id),
            readByFriend: entry.direction === 'out' && this.account.readReceipts && friend.readByFriend.has(entry.id),
          },
    );
  }

  async markRead(address: string): Promise<void> {
    this.ensureOpen();
    const friend = this.friend(address);
    await this.network.roundTrip('markRead');
    friend.unread = 0;
    // Disappearing messages start their countdown once displayed.
    const now = this.network.timestamp();
    friend.entries = friend.entries.map((entry) =>
      entry.kind === 'message' && entry.direction === 'in' && entry.expiresIn !== null && entry.expiresAt === null ? { ...entry, expiresAt: now + entry.expiresIn * 1000 } : entry,
    );
    const read = friend.unreceipted;
    friend.unreceipted = [];
    this.network.notify(this.account);
    if (this.account.readReceipts && read.length > 0 && friend.status === 'established') this.post(friend, { type: 'receipt', read });
  }

  sendMessage(address: string, body: string, options: SendOptions = {}): Promise<void> {
    return this.sendWithFiles(address, body, options, []);
  }

  async sendFiles(address: string, files: readonly FileToSend[], onProgress?: (progress: FileProgress) => void, signal?: AbortSignal): Promise<void> {
    this.ensureOpen();
    this.sendable(address);
    const tooLarge = files.find((file) => sizeOfFile(file) > FAKE_FILE_BYTES);
    if (tooLarge !== undefined) throw new MessengerError('file_too_large', `${tooLarge.name} is larger than the ${fileSizeText(FAKE_FILE_BYTES)} your server lets you send.`);
    const stored: StoredFile[] = [];
    for (const [fileIndex, file] of files.entries()) {
      const bytes = file.bytes instanceof Uint8Array ? file.bytes.slice() : new Uint8Array(await file.bytes.arrayBuffer());
      for (let done = 0; ; ) {
        if (signal?.aborted === true) throw new MessengerError('upload_cancelled', `Sending ${file.name} was cancelled.`);
        await this.network.roundTrip('sendFiles');
        done = Math.min(bytes.length, done + FAKE_CHUNK_BYTES);
        onProgress?.({ fileIndex, bytesDone: done, bytesTotal: bytes.length });
        if (done >= bytes.length) break;
      }
      stored.push({ view: { name: displayFileName(file.name), type: file.type, size: bytes.length, thumbnail: file.thumbnail ?? null }, bytes });
    }
    await this.sendWithFiles(address, '', {}, stored);
  }

  /** The fake keeps nothing across reloads: no upload is ever pending. */
  async pendingUploads(): Promise<readonly PendingUploadView[]> {
    return [];
  }

  async resumeUpload(): Promise<void> {
    throw new MessengerError('not_found', 'This upload is no longer kept on this device.');
  }

  async cancelUpload(): Promise<void> {}

  async downloadFile(address: string, messageId: string, fileIndex: number, watch: DownloadWatch = {}): Promise<FileDownload> {
    this.ensureOpen();
    this.message(this.friend(address), messageId);
    const file = this.network.fileOf(messageId, fileIndex);
    if (file === undefined) throw new MessengerError('unknown_message', 'That file is not in this conversation (any more).');
    await this.network.roundTrip('downloadFile');
    if (watch.signal?.aborted === true) throw new MessengerError('upload_cancelled', `Downloading ${file.view.name} was cancelled.`);
    watch.onProgress?.({ bytesDone: file.view.size, bytesTotal: file.view.size });
    if (file.broken) return { kind: 'broken', name: file.view.name, reason: 'file/hash-mismatch' };
    return { kind: 'file', name: file.view.name, type: file.view.type, bytes: file.bytes.slice() };
  }

  async downloadFileTo(address: string, messageId: string, fileIndex: number, sink: FileSink, watch: DownloadWatch = {}): Promise<FileSave> {
    const download = await this.downloadFile(address, messageId, fileIndex, watch).catch(async (error: unknown) => {
      await sink.abort();
      throw error;
    });
    if (download.kind === 'broken') {
      // As the real client: the chunks before the mismatch were written, and are thrown away.
      const file = this.network.fileOf(messageId, fileIndex);
      if (file !== undefined && file.bytes.length > 0) await sink.write(file.bytes.slice(0, 1));
      await sink.abort();
      return download;
    }
    for (let offset = 0; offset < download.bytes.length; offset += FAKE_CHUNK_BYTES) await sink.write(download.bytes.slice(offset, offset + FAKE_CHUNK_BYTES));
    await sink.close();
    return { kind: 'saved', name: download.name, type: download.type };
  }

  private async sendWithFiles(address: string, body: string, options: SendOptions, files: readonly StoredFile[]): Promise<void> {
    this.ensureOpen();
    const friend = this.sendable(address);
    if (options.replyTo !== undefined) this.message(friend, options.replyTo);
    if (options.expiresIn !== undefined && (options.expiresIn === null || !isTimer(options.expiresIn))) throw new MessengerError('invalid_timer', 'No such timer');
    const expiresIn = options.expiresIn ?? friend.disappearingTimer;
    await this.network.refuseToStore();
    const seq = friend.nextSeqOut;
    friend.nextSeqOut += 1;
    const sentAt = this.network.timestamp();
    const message: MessageEntry = {
      kind: 'message',
      id: this.network.nextId('message'),
      direction: 'out',
      body,
      sentAt,
      state: 'sending',
      undeliverable: null,
      ...PLAIN_MESSAGE,
      replyTo: options.replyTo === undefined ? null : { id: options.replyTo, direction: null, snippet: null, gone: false },
      expiresIn,
      expiresAt: expiresIn === null ? null : sentAt + expiresIn * 1000,
      files: files.map((file) => file.view),
    };
    if (files.length > 0) this.network.keepFiles(message.id, files);
    friend.entries.push(message);
    friend.lastMessageAt = message.sentAt;
    this.network.notify(this.account);
    const payload: Payload = {
      type: 'message',
      body,
      ...(options.replyTo === undefined ? {} : { replyTo: options.replyTo }),
      ...(expiresIn === null ? {} : { expiresIn }),
      ...(files.length === 0 ? {} : { files: files.map((file) => file.view) }),
    };
    const item = { kind: 'message', from: this.address, id: message.id, seq, sentAt, payload } as const;
    try {
      await this.network.roundTrip('sendMessage');
      if (this.network.deliveryFails(friend.address)) throw new MessengerError('network_error', 'Delivery failed', { friend: friend.address });
    } catch (error) {
      this.network.keepUndelivered(friend.address, item);
      this.settleMessage(friend, message.id, 'failed');
      throw error;
    }
    this.settleMessage(friend, message.id, 'sent');
    if (this.network.takeDropped(this.address, friend.address)) return;
    this.network.deliver(friend.address, item);
  }

  private settleMessage(friend: FriendRecord, messageId: string, state: MessageEntry['state']): void {
    friend.entries = friend.entries.map((entry) => (entry.kind === 'message' && entry.id === messageId ? { ...entry, state } : entry));
    this.network.notify(this.account);
  }

  reply(address: string, targetId: string, body: string): Promise<void> {
    return this.sendMessage(address, body, { replyTo: targetId });
  }

  async editMessage(address: string, messageId: string, body: string): Promise<void> {
    this.ensureOpen();
    const friend = this.sendable(address);
    const message = this.message(friend, messageId);
    if (message.direction !== 'out' || message.deleted) throw new MessengerError('not_own_message', 'Only your own messages can be edited');
    await this.network.refuseToStore();
    await this.network.roundTrip('editMessage');
    this.update(friend, messageId, (entry) => ({ ...entry, body, edited: true }));
    this.post(friend, { type: 'edit', target: messageId, body });
  }

  async react(address: string, targetId: string, emoji: string): Promise<void> {
    this.ensureOpen();
    if (emoji !== '' && !isSingleEmoji(emoji)) throw new MessengerError('invalid_emoji', 'A reaction is one emoji');
    const friend = this.sendable(address);
    this.message(friend, targetId);
    await this.network.roundTrip('react');
    this.update(friend, targetId, (entry) => ({ ...entry, reactions: withReaction(entry.reactions, 'out', emoji) }));
    this.post(friend, { type: 'reaction', target: targetId, emoji });
  }

  async setDisappearingTimer(address: string, seconds: number | null): Promise<void> {
    this.ensureOpen();
    if (!isTimer(seconds)) throw new MessengerError('invalid_timer', 'No such timer');
    const friend = this.sendable(address);
    await this.network.roundTrip('setDisappearingTimer');
    friend.disappearingTimer = seconds;
    const id = this.network.nextId('timer');
    friend.entries.push({ kind: 'timer', id, direction: 'out', sentAt: this.network.timestamp(), seconds, sending: false });
    this.network.notify(this.account);
    this.post(friend, { type: 'timer', seconds }, id);
  }

  async setReadReceipts(on: boolean): Promise<void> {
    this.ensureOpen();
    await this.network.roundTrip('setReadReceipts');
    this.account.readReceipts = on;
    this.network.notify(this.account);
  }

  measureMessage(body: string): MessageRoom {
    // The real client's limit for the default 64 KiB envelope, near enough for screens.
    const bytesLeft = 47_600 - new TextEncoder().encode(JSON.stringify(body)).length;
    return { fits: bytesLeft >= 0, bytesLeft };
  }

  retryUnsent(): void {}

  /** As the real client: only a click sends a failed message here (the fake has no resend loop). */
  async retryMessage(address: string, messageId: string): Promise<void> {
    this.ensureOpen();
    const friend = this.friend(address);
    const message = this.message(friend, messageId);
    const undelivered = this.network.undeliveredMessage(messageId);
    if (message.state !== 'failed' || undelivered === undefined) return;
    this.settleMessage(friend, messageId, 'sending');
    try {
      await this.network.roundTrip('sendMessage');
      if (this.network.deliveryFails(friend.address)) throw new MessengerError('network_error', `${address}'s server could not be reached.`, { friend: friend.address });
    } catch (error) {
      this.settleMessage(friend, messageId, 'failed');
      throw error;
    }
    this.network.forgetUndelivered(messageId);
    this.settleMessage(friend, messageId, 'sent');
    this.network.deliver(undelivered.recipient, undelivered.item);
  }

  async deleteMessage(address: string, messageId: string): Promise<void> {
    this.ensureOpen();
    const friend = this.friend(address);
    const message = this.message(friend, messageId);
    if (message.direction !== 'out') throw new MessengerError('not_own_message', 'Only your own messages can be deleted');
    if (message.state === 'failed') {
      // Never delivered: nothing to tell the friend.
      friend.entries = friend.entries.filter((entry) => entry.kind !== 'message' || entry.id !== messageId);
      friend.goneIds.add(messageId);
      this.network.notify(this.account);
      return;
    }
    this.sendable(address);
    await this.network.roundTrip('deleteMessage');
    this.update(friend, messageId, (entry) => ({ ...entry, body: '', deleted: true, reactions: [], replyTo: null }));
    this.post(friend, { type: 'delete', target: messageId });
  }

  onEnded(): Unsubscribe {
    return () => undefined;
  }

  async safetyNumber(address: string): Promise<string> {
    this.ensureOpen();
    const friend = this.friend(address);
    await this.network.roundTrip('safetyNumber');
    const fingerprints = [fingerprintDigits(this.address, this.account.identityKey), fingerprintDigits(friend.address, friend.identityKey)].sort();
    return (fingerprints.join('').match(/\d{5}/g) ?? []).join(' ');
  }

  async setOpenInbox(open: boolean): Promise<void> {
    this.ensureOpen();
    await this.network.roundTrip('setOpenInbox');
    this.account.openInbox = open;
    this.network.notify(this.account);
  }

  async refreshOpenInbox(): Promise<void> {
    this.ensureOpen();
    await this.network.roundTrip('setOpenInbox');
  }

  async changePassword(currentPassword: string, newPassword: string, onProgress?: ProgressListener): Promise<readonly MessengerError[]> {
    this.ensureOpen();
    await this.network.derive(onProgress);
    if (currentPassword !== this.account.password) throw new MessengerError('wrong_password', 'Wrong password');
    await this.network.derive(onProgress);
    onProgress?.('encrypting');
    await this.network.roundTrip('changePassword');
    this.account.password = newPassword;
    for (const other of this.account.sessions) if (other !== this) other.close();
    return [];
  }

  async exportData(): Promise<string> {
    this.ensureOpen();
    await this.network.roundTrip('exportData');
    const friends = [...this.account.friends.values()].map((friend) => ({
      address: friend.address,
      status: friend.status,
      identityKey: friend.identityKey,
      conversation: friend.entries,
    }));
    return JSON.stringify(
      {
        format: 'starbase-export/fake',
        address: this.address,
        openInbox: this.account.openInbox,
        identityKey: this.account.identityKey,
        privateKeys: { warning: 'PRIVATE: whoever has these can read your messages', identity: 'fake-private-key' },
        friends,
      },
      null,
      2,
    );
  }

  async deleteAccount(password: string): Promise<readonly MessengerError[]> {
    this.ensureOpen();
    await this.network.derive(undefined);
    if (password !== this.account.password) throw new MessengerError('wrong_password', 'Wrong password');
    await this.network.roundTrip('deleteAccount');
    this.network.removeAccount(this.account);
    this.network.keptDrafts.delete(this.address);
    for (const session of [...this.account.sessions]) session.close();
    return [];
  }

  async keptDrafts(): Promise<ReadonlyMap<string, Draft>> {
    this.ensureOpen();
    return new Map(this.network.keptDrafts.get(this.address));
  }

  async keepDraft(address: string, draft: Draft): Promise<void> {
    this.ensureOpen();
    if (![draft.replyTo, draft.edit?.messageId].every((id) => id === undefined || isValidMessageId(id))) throw new MessengerError('unknown_message', 'No such message to reply to or edit.');
    await this.network.untilDraftWritesGo();
    const drafts = this.network.keptDrafts.get(this.address) ?? new Map<string, Draft>();
    if (isEmptyDraft(draft)) drafts.delete(canonicalAddress(address));
    else drafts.set(canonicalAddress(address), draft);
    this.network.keptDrafts.set(this.address, drafts);
  }

  async logOut(options: LogOutOptions = {}): Promise<readonly MessengerError[]> {
    this.ensureOpen();
    this.network.keptDrafts.delete(this.address);
    await this.network.roundTrip('logOut');
    if (options.forgetBrowser === true) this.network.forgottenBrowsers.push(this.address);
    this.close();
    return [];
  }

  /** @internal an item arrived: a live session syncs soon, as the real one does on an SSE event. */
  wake(): void {
    if (!this.live || this.wakeScheduled || this.closed) return;
    this.wakeScheduled = true;
    setTimeout(() => {
      this.wakeScheduled = false;
      if (this.live && !this.closed) void this.sync().catch((error: unknown) => this.reportBackground(error instanceof Error ? error : new Error(String(error))));
    }, this.network.latency);
  }

  /** @internal */
  emit(): void {
    const overview = this.overview();
    for (const listener of this.listeners) listener(overview);
  }

  private reportBackground(error: Error | null): void {
    this.backgroundFailing = error !== null;
    for (const listener of this.errorListeners) listener(error);
  }

  /** @internal */
  close(): void {
    this.closed = true;
    this.live = false;
    this.account.sessions.delete(this);
  }

  private apply(item: InboxItem): void {
    if ('from' in item && this.account.blocked.has(item.from)) return;
    if (item.kind === 'request' && this.account.blocked.has(item.request.from)) return;
    switch (item.kind) {
      case 'request':
        if (!this.account.friends.has(item.request.from) || this.account.friends.get(item.request.from)?.status === 'removed') {
          this.account.requests.set(item.request.id, item.request);
        }
        return;
      case 'accept': {
        const friend = this.account.friends.get(item.from);
        if (friend?.status !== 'pending-outgoing') return;
        friend.status = 'established';
        friend.identityKey = item.identityKey;
        this.network.deliver(item.from, { kind: 'confirm', from: this.address });
        return;
      }
      case 'confirm': {
        const friend = this.account.friends.get(item.from);
        if (friend?.status === 'awaiting-confirmation') friend.status = 'established';
        return;
      }
      case 'message': {
        const friend = this.account.friends.get(item.from);
        if (friend === undefined || friend.status !== 'established' || item.seq <= friend.lastSeqIn) return;
        if (item.seq > friend.lastSeqIn + 1) friend.entries.push({ kind: 'gap', direction: 'in' });
        friend.lastSeqIn = item.seq;
        this.receive(friend, item.id, item.sentAt, item.payload);
        return;
      }
      case 'remove': {
        const friend = this.account.friends.get(item.from);
        if (friend !== undefined) friend.status = 'removed';
        return;
      }
      case 'identity-changed': {
        const friend = this.account.friends.get(item.from);
        if (friend !== undefined && friend.identityKey !== item.identityKey) friend.status = 'identity-changed';
        return;
      }
    }
  }

  private newFriend(address: string, status: FriendStatus, note: string | null, identityKey: string): FriendRecord {
    const previous = this.account.friends.get(address);
    return {
      address,
      status,
      note,
      unread: 0,
      lastMessageAt: previous?.lastMessageAt ?? null,
      verified: true,
      identityKey,
      entries: previous?.entries ?? [],
      goneIds: previous?.goneIds ?? new Set(),
      nextSeqOut: 1,
      lastSeqIn: 0,
      disappearingTimer: previous?.disappearingTimer ?? null,
      readByFriend: previous?.readByFriend ?? new Set(),
      unreceipted: [],
      waiting: [],
    };
  }

  private receive(friend: FriendRecord, id: string, sentAt: number, payload: Payload): void {
    switch (payload.type) {
      case 'message':
      case 'future-type': {
        const known = payload.type === 'message';
        friend.entries.push({
          kind: 'message',
          id,
          direction: 'in',
          body: known ? payload.body : '',
          sentAt,
          state: 'received',
          undeliverable: null,
          ...PLAIN_MESSAGE,
          unsupported: !known,
          replyTo: known && payload.replyTo !== undefined ? { id: payload.replyTo, direction: null, snippet: null, gone: false } : null,
          expiresIn: known ? (payload.expiresIn ?? null) : null,
          files: known ? (payload.files ?? []) : [],
        });
        friend.unread += 1;
        friend.unreceipted.push(id);
        friend.lastMessageAt = sentAt;
        const waiting = friend.waiting.filter((change) => change.target === id);
        friend.waiting = friend.waiting.filter((change) => change.target !== id);
        for (const change of waiting) this.receive(friend, `${id}-waited`, sentAt, change);
        return;
      }
      case 'timer':
        friend.disappearingTimer = payload.seconds;
        friend.entries.push({ kind: 'timer', id, direction: 'in', sentAt, seconds: payload.seconds, sending: false });
        return;
      case 'receipt':
        for (const read of payload.read) friend.readByFriend.add(read);
        return;
      case 'edit':
      case 'delete':
      case 'reaction': {
        const target = friend.entries.find((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === payload.target);
        if (target === undefined) {
          friend.waiting.push(payload);
          return;
        }
        if (payload.type === 'reaction') {
          if (!target.deleted) this.update(friend, target.id, (entry) => ({ ...entry, reactions: withReaction(entry.reactions, 'in', payload.emoji) }), false);
          return;
        }
        // Only the author may edit or delete: the friend naming one of our messages is ignored.
        if (target.direction !== 'in' || target.deleted) return;
        this.update(
          friend,
          target.id,
          (entry) => (payload.type === 'edit' ? { ...entry, body: payload.body, edited: true } : { ...entry, body: '', deleted: true, reactions: [], replyTo: null }),
          false,
        );
        return;
      }
    }
  }

  /** A friend we can send to now, or the reason we cannot. */
  private sendable(address: string): FriendRecord {
    const friend = this.friend(address);
    if (friend.status === 'identity-changed') throw new MessengerError('identity_changed', 'Identity key changed');
    if (friend.status !== 'established') throw new MessengerError('not_friends', `Not friends with ${friend.address}`);
    return friend;
  }

  private message(friend: FriendRecord, id: string): MessageEntry {
    const message = this.conversation(friend.address).find((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === id);
    if (message === undefined) throw new MessengerError('unknown_message', 'No such message in this conversation');
    return message;
  }

  private update(friend: FriendRecord, id: string, change: (entry: MessageEntry) => MessageEntry, notify = true): void {
    friend.entries = friend.entries.map((entry) => (entry.kind === 'message' && entry.id === id ? change(entry) : entry));
    if (notify) this.network.notify(this.account);
  }

  /** Sends a §11 message that shows no bubble of its own (an edit, a reaction, a receipt, a timer notice). */
  private post(friend: FriendRecord, payload: Payload, id = this.network.nextId(payload.type)): void {
    const seq = friend.nextSeqOut;
    friend.nextSeqOut += 1;
    this.network.deliver(friend.address, { kind: 'message', from: this.address, id, seq, sentAt: this.network.timestamp(), payload });
  }

  private friend(address: string): FriendRecord {
    const friend = this.account.friends.get(canonicalAddress(address));
    if (friend === undefined) throw new MessengerError('not_friends', `Not friends with ${address}`);
    return friend;
  }

  private ensureOpen(): void {
    if (this.closed) throw new MessengerError('unauthorized', 'Session ended');
  }
}
