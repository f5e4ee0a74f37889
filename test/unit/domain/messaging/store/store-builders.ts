import { encodeB64u } from '../../../../../src/domain/protocol/encoding/b64u';
import { BlobDocument } from '../../../../../src/domain/messaging/blob-document';
import { keyOfMessage, MessageRecord } from '../../../../../src/domain/messaging/message';
import { StoreHead } from '../../../../../src/domain/messaging/store/store-head';
import { upgradeV1 } from '../../../../../src/domain/messaging/store/upgrade-v1';
import { aliceFriendsWithBob, BOB, T0 } from '../builders';

export const STORE_KEY = encodeB64u(new Uint8Array(32).fill(7));

/** Object ids made from a counter: distinct, and valid 22-character ids. */
export const objectIdFactory = (seed = 0): (() => string) => {
  let next = seed;
  return () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setUint32(0, next++);
    return encodeB64u(bytes);
  };
};

export const headOf = (doc: BlobDocument = aliceFriendsWithBob()): StoreHead => upgradeV1(doc, STORE_KEY, objectIdFactory(1_000_000)).head;

export const message = (overrides: Partial<MessageRecord> = {}): MessageRecord => ({
  id: 'm1',
  friend: BOB,
  handshakeId: 'E_A',
  direction: 'in',
  seq: 1,
  sentAt: T0,
  body: 'hello',
  receivedAt: T0 + 10,
  deliveredAt: null,
  failedAttempts: 0,
  ...overrides,
});

/** `count` incoming messages of about `bodyBytes` each, one second apart. */
export const incomingMessages = (count: number, bodyBytes = 100, from = 1): MessageRecord[] =>
  Array.from({ length: count }, (_, index) =>
    message({ id: `m${from + index}`, seq: from + index, sentAt: T0 + (from + index) * 1000, body: 'x'.repeat(bodyBytes) }),
  );

export const withTail = (head: StoreHead, messages: readonly MessageRecord[]): StoreHead => ({
  ...head,
  tail: { ...head.tail, ...Object.fromEntries(messages.map((m) => [keyOfMessage(m), m] as const)) },
});
