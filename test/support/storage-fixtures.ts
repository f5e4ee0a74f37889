import { NewAccount } from '../../src/application/ports/account-repository';
import { KDF_DEFAULT } from '../../src/domain/protocol/account-rules';
import { Account } from '../../src/domain/home-server/account';
import { Captcha, CAPTCHA_MAX_ATTEMPTS, CAPTCHA_TTL_MS } from '../../src/domain/home-server/captcha';
import { InboxItem } from '../../src/domain/home-server/inbox-item';
import { InboxQuotas } from '../../src/domain/home-server/inbox-quota';
import { DropToken } from '../../src/domain/home-server/drop-token';
import { Session, SESSION_TTL_MS } from '../../src/domain/home-server/session';

/** Builders for storage records: valid by default, override only what a test is about. */

export const T0 = 1_700_000_000_000;

let counter = 0;
/** Unique within a test run, so builders never collide by accident. */
export const uniqueId = (prefix: string): string => `${prefix}-${(++counter).toString(36).padStart(4, '0')}`;

export const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

export const anAccount = (overrides: Partial<Account> = {}): Account => ({
  name: overrides.name ?? uniqueId('user'),
  createdAt: T0,
  lastSeenAt: null,
  authHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
  kdf: { algorithm: 'argon2id', salt: 'AAAAAAAAAAAAAAAAAAAAAA', ...KDF_DEFAULT },
  identityKey: 'identity-key-b64u-placeholder-000000000000',
  openInbox: false,
  disabled: false,
  ...overrides,
});

export const aNewAccount = (
  overrides: Partial<Account> = {},
  blobCiphertext: Uint8Array = bytes(1, 2, 3),
): NewAccount => ({ account: anAccount(overrides), blobCiphertext });

export const aDrop = (owner: string, overrides: Partial<InboxItem> = {}): InboxItem => ({
  id: uniqueId('drop'),
  owner,
  kind: 'drop',
  tokenId: null,
  receivedAt: T0,
  envelope: '{"v":1,"ct":"sealed"}',
  ...overrides,
});

export const aFriendRequest = (owner: string, overrides: Partial<InboxItem> = {}): InboxItem =>
  aDrop(owner, { kind: 'friend-request', tokenId: null, ...overrides });

/** Quotas nobody reaches unless the test lowers one of them. */
export const roomyQuotas = (overrides: Partial<InboxQuotas> = {}): InboxQuotas => ({
  maxItems: 1_000_000,
  maxBytes: 1_000_000_000,
  maxItemsPerToken: 1_000_000,
  maxBytesPerToken: 1_000_000_000,
  maxOpenInboxItems: 1_000_000,
  maxOpenInboxBytes: 1_000_000_000,
  maxFriendRequests: 1_000_000,
  ...overrides,
});

export const aDropToken = (owner: string, overrides: Partial<DropToken> = {}): DropToken => ({
  id: uniqueId('token'),
  owner,
  hash: uniqueId('sha256').padEnd(64, '0'),
  createdAt: T0,
  lastUsedAt: null,
  uses: 0,
  ...overrides,
});

export const aSession = (name: string, overrides: Partial<Session> = {}): Session => ({
  jti: uniqueId('jti'),
  name,
  createdAt: T0,
  expiresAt: T0 + SESSION_TTL_MS,
  ...overrides,
});

export const aCaptcha = (name: string, overrides: Partial<Captcha> = {}): Captcha => ({
  id: uniqueId('captcha'),
  name,
  kind: 'image',
  answer: 'k7m2p',
  expiresAt: T0 + CAPTCHA_TTL_MS,
  attemptsLeft: CAPTCHA_MAX_ATTEMPTS,
  ...overrides,
});

/** A valid 22-character object id, distinct for every `n`, ascending with `n`. */
export const anObjectId = (n: number): string => `obj${n.toString().padStart(19, '0')}`;

/** `length` bytes, all `fill`. */
export const filled = (length: number, fill = 7): Uint8Array => new Uint8Array(length).fill(fill);
