import { randomBytes } from 'node:crypto';
import { createBlobDocument } from '../../src/domain/messaging/blob-document';
import { serializeStoreHead } from '../../src/domain/messaging/store/head-codec';
import { StoreHead } from '../../src/domain/messaging/store/store-head';
import { upgradeV1 } from '../../src/domain/messaging/store/upgrade-v1';
import { utf8ByteLength } from '../../src/domain/protocol/text-size';
import { anIdentityKey, b64u } from '../server/http-fixtures';
import { DEFAULT_SPACING_MS, HistoryFriend, withHistory } from './history-document';

/*
 * What the head the store bench seeds is made of, member by member: the history of N messages as
 * the bench builds it (withHistory), upgraded as a v1 account's first login would (upgradeV1).
 * Pure functions, no server: the bytes of each member of the head's plaintext JSON.
 */

export interface HeadComposition {
  readonly messages: number;
  /** UTF-8 bytes of the whole head plaintext. */
  readonly bytes: number;
  /** UTF-8 bytes of each member's JSON value, by member name. */
  readonly members: Readonly<Record<string, number>>;
  readonly pageRefs: number;
  readonly indexRefs: number;
  readonly processedIds: number;
  readonly tailMessages: number;
}

const randomKey = (): string => b64u(randomBytes(32));

export const headComposition = (messages: number, friendCount: number): HeadComposition => {
  const friends: HistoryFriend[] = Array.from({ length: friendCount }, (_, i) => ({
    address: `friend${i}@chat${i % 3}.example.org`,
    handshakeId: randomKey(),
    identityKey: anIdentityKey(),
    friendshipKey: randomKey(),
    ourDropTokenId: `token-${i}`,
    ourDropToken: randomKey(),
    theirDropToken: randomKey(),
  }));
  const base = createBlobDocument({ publicKey: randomKey(), privateKey: randomKey() });
  const doc = withHistory(base, { ourAddress: 'syncer@127.0.0.1', friends, messages, now: Date.now(), spacingMs: DEFAULT_SPACING_MS });
  const head: StoreHead = upgradeV1(doc, randomKey(), () => b64u(randomBytes(16))).head;
  return {
    messages,
    bytes: utf8ByteLength(serializeStoreHead(head)),
    members: Object.fromEntries(Object.entries(head).map(([member, value]) => [member, utf8ByteLength(JSON.stringify(value))])),
    pageRefs: Object.keys(head.pages).length,
    indexRefs: Object.keys(head.indexes).length,
    processedIds: Object.keys(head.processedInboxItems).length,
    tailMessages: Object.keys(head.tail).length,
  };
};
