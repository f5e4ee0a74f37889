/** Object mothers: valid values by default, override only what a test is about. */
import { NewAccount } from '../../src/application/ports/account-repository';
import { RegisterAccountInput } from '../../src/application/server/register-account';
import { KDF_DEFAULT, KdfParams } from '../../src/domain/protocol/account-rules';
import { Account } from '../../src/domain/home-server/account';
import { encodeB64u } from '../../src/domain/protocol/encoding/b64u';
import { Captcha, CAPTCHA_MAX_ATTEMPTS, CAPTCHA_TTL_MS } from '../../src/domain/home-server/captcha';
import { InboxItem } from '../../src/domain/home-server/inbox-item';
import { DropToken } from '../../src/domain/home-server/drop-token';
import { Session, SESSION_TTL_MS } from '../../src/domain/home-server/session';
import type { MessageEntry } from '../../src/adapters/web/conversation-view';
import { TEST_EPOCH_MS } from './fakes';
import { PLAIN_MESSAGE } from './plain-message';

let sequence = 0;
const nextId = (prefix: string): string => `${prefix}-${++sequence}`;

/** `length` bytes that depend on `seed`, never all zeros. */
export const someBytes = (length: number, seed = 1): Uint8Array =>
  Uint8Array.from({ length }, (_, index) => (seed * 31 + index * 7 + 1) % 251);

/** A raw 32-byte X25519 public key that is not a low-order point (bit 255 clear, as real keys). */
export const anIdentityKey = (seed = 1): Uint8Array => {
  const key = someBytes(32, seed);
  key[31] = key[31]! & 0x7f;
  return key;
};

export const anAuthKey = (seed = 1): Uint8Array => someBytes(32, seed + 1000);

export const aKdfSalt = (seed = 1): string => encodeB64u(someBytes(16, seed + 2000));

export const aKdf = (overrides: Partial<KdfParams> = {}): KdfParams => ({
  algorithm: 'argon2id',
  salt: aKdfSalt(),
  ...KDF_DEFAULT,
  ...overrides,
});

export const aCiphertext = (length = 64, seed = 1): Uint8Array => someBytes(length, seed + 3000);

/** A serialized envelope shaped like PROTOCOL §4.2's; `padTo` makes it about that many bytes. */
export const anEnvelope = (padTo = 0, seed = 1): string => {
  const base = { v: 1, nonce: encodeB64u(someBytes(12, seed)), ct: encodeB64u(someBytes(48, seed)) };
  const text = JSON.stringify(base);
  if (text.length >= padTo) return text;
  return JSON.stringify({ ...base, ct: base.ct + 'A'.repeat(padTo - text.length) });
};

export const anAccount = (overrides: Partial<Account> = {}): Account => ({
  name: 'alice',
  createdAt: TEST_EPOCH_MS,
  lastSeenAt: null,
  authHash: 'fake$salt0$0000',
  kdf: aKdf(),
  identityKey: encodeB64u(anIdentityKey()),
  openInbox: false,
  disabled: false,
  ...overrides,
});

export const aNewAccount = (overrides: Partial<Account> = {}, blobCiphertext = aCiphertext()): NewAccount => ({
  account: anAccount(overrides),
  blobCiphertext,
});

export const aRegistration = (overrides: Partial<RegisterAccountInput> = {}): RegisterAccountInput => ({
  name: 'alice',
  authKey: anAuthKey(),
  kdf: aKdf(),
  identityKey: anIdentityKey(),
  blob: { ciphertext: aCiphertext() },
  authority: 'home.test',
  ...overrides,
});

export const anInboxItem = (overrides: Partial<InboxItem> = {}): InboxItem => ({
  id: nextId('drop'),
  owner: 'alice',
  kind: 'drop',
  tokenId: null,
  receivedAt: TEST_EPOCH_MS,
  envelope: anEnvelope(),
  ...overrides,
});

export const aFriendRequestDrop = (overrides: Partial<InboxItem> = {}): InboxItem =>
  anInboxItem({ id: nextId('request'), kind: 'friend-request', ...overrides });

export const aDropToken = (overrides: Partial<DropToken> = {}): DropToken => ({
  id: nextId('token'),
  owner: 'alice',
  hash: sequence.toString(16).padStart(64, '0'),
  createdAt: TEST_EPOCH_MS,
  lastUsedAt: null,
  uses: 0,
  ...overrides,
});

export const aSession = (overrides: Partial<Session> = {}): Session => ({
  jti: nextId('session'),
  name: 'alice',
  createdAt: TEST_EPOCH_MS,
  expiresAt: TEST_EPOCH_MS + SESSION_TTL_MS,
  ...overrides,
});

export const aCaptcha = (overrides: Partial<Captcha> = {}): Captcha => ({
  id: nextId('captcha'),
  name: 'alice',
  kind: 'image',
  answer: 'answer',
  expiresAt: TEST_EPOCH_MS + CAPTCHA_TTL_MS,
  attemptsLeft: CAPTCHA_MAX_ATTEMPTS,
  ...overrides,
});

/** A message of a conversation as the web app shows it: a plain one we sent, its id as its text, unless `fields` say otherwise. */
export const messageEntry = (id: string, fields: Partial<MessageEntry> = {}): MessageEntry => ({
  kind: 'message',
  id,
  direction: 'out',
  body: id,
  sentAt: 1,
  state: 'sent',
  undeliverable: null,
  ...PLAIN_MESSAGE,
  ...fields,
});
