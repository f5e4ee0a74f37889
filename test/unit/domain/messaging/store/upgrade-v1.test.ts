import '../../../../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../../../../src/adapters/crypto/web-crypto-suite';
import { deriveAccountKeys } from '../../../../../src/application/client/protocol/account-keys';
import { decryptBlob } from '../../../../../src/application/client/protocol/blob-cipher';
import { parseBlobDocument } from '../../../../../src/domain/messaging/blob-codec';
import { BlobDocument } from '../../../../../src/domain/messaging/blob-document';
import { conversationView } from '../../../../../src/domain/messaging/conversation-view';
import { keyOfMessage } from '../../../../../src/domain/messaging/message';
import { parseStoredHead, serializeStoreHead } from '../../../../../src/domain/messaging/store/head-codec';
import { messagePageBytes, parseMessagePage, serializeMessagePage } from '../../../../../src/domain/messaging/store/message-page';
import { readConversation, storedMessages } from '../../../../../src/domain/messaging/store/read-conversation';
import { TAIL_THRESHOLD_BYTES } from '../../../../../src/domain/messaging/store/seal-tail';
import { tailBytes } from '../../../../../src/domain/messaging/store/tail-size';
import { UPGRADE_PAGE_BYTES, upgradeV1 } from '../../../../../src/domain/messaging/store/upgrade-v1';
import { loadV1BlobFixtures } from '../../../../fixtures/v1-blob-fixture';
import { aliceDoc, unwrap } from '../builders';
import { incomingMessages, objectIdFactory, STORE_KEY } from './store-builders';

const crypto = createWebCryptoSuite();

const openFixture = async (fixture: ReturnType<typeof loadV1BlobFixtures>[number]): Promise<BlobDocument> => {
  const keys = unwrap(await deriveAccountKeys(crypto, fixture.password, fixture.kdf));
  return unwrap(parseBlobDocument(unwrap(await decryptBlob(crypto, keys.blobKey, fixture.name, fixture.blob.ciphertext))));
};

/** The upgrade as a reader meets it: the head and pages through their codecs, as they come back from the server. */
const upgradeAndReadBack = (doc: BlobDocument) => {
  const upgraded = upgradeV1(doc, STORE_KEY, objectIdFactory());
  const read = unwrap(parseStoredHead(serializeStoreHead(upgraded.head)));
  if (read.format !== 2) throw new Error('expected a format 2 head');
  const pages = upgraded.pages.map(({ page }) => unwrap(parseMessagePage(serializeMessagePage(page))));
  return { upgraded, head: read.head, pages };
};

const expectSameHistory = (doc: BlobDocument) => {
  const { upgraded, head, pages } = upgradeAndReadBack(doc);
  expect(storedMessages(head, pages)).toEqual(doc.messages);
  for (const address of Object.keys(doc.friends)) expect(readConversation(head, pages, address)).toEqual(conversationView(doc, address));
  const { messages: _messages, format: _format, ...collections } = doc;
  const { tail: _tail, pages: _pages, indexes, format, storeKey, releasedPages, log, ...kept } = head;
  expect(kept).toEqual(collections);
  expect({ format, storeKey, indexes, releasedPages, log }).toEqual({ format: 2, storeKey: STORE_KEY, indexes: {}, releasedPages: {}, log: [] });
  expect(upgraded.indexes).toEqual([]);
  expect(Object.keys(head.pages)).toEqual(upgraded.pages.map(({ id }) => id));
  const paged = pages.flatMap((page) => page.messages.map(keyOfMessage));
  expect(new Set(paged).size).toBe(paged.length);
  for (const key of paged) expect(key in head.tail).toBe(false);
  expect(tailBytes(head.tail)).toBeLessThanOrEqual(TAIL_THRESHOLD_BYTES);
  return { head, pages };
};

describe.each(loadV1BlobFixtures().map((fixture) => [fixture.scenario, fixture] as const))('upgrading the real version 1 blob %s', (_, fixture) => {
  it('keeps every message and every conversation exactly as version 1 showed them', async () => {
    const doc = await openFixture(fixture);
    const { head, pages } = expectSameHistory(doc);
    expect(head.version).toBe(fixture.blob.version);
    if (tailBytes(doc.messages) > TAIL_THRESHOLD_BYTES) expect(pages.length).toBeGreaterThan(0);
  });
});

describe('upgradeV1', () => {
  it('keeps a small history in the tail, without pages', () => {
    const doc = { ...aliceDoc(), messages: Object.fromEntries(incomingMessages(5).map((m) => [keyOfMessage(m), m] as const)) };
    const { head, pages } = expectSameHistory(doc);
    expect(pages).toHaveLength(0);
    expect(head.tail).toEqual(doc.messages);
  });

  it('seals a long history into pages of at most UPGRADE_PAGE_BYTES, oldest first, committed by one write', () => {
    const doc = { ...aliceDoc(), messages: Object.fromEntries(incomingMessages(8000, 200).map((m) => [keyOfMessage(m), m] as const)) };
    const { pages } = expectSameHistory(doc);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.length).toBeLessThanOrEqual(1000);
    for (const page of pages) expect(messagePageBytes(page)).toBeLessThanOrEqual(UPGRADE_PAGE_BYTES);
    const lastSentAt = pages.map((page) => Math.max(...page.messages.map((m) => m.sentAt)));
    expect([...lastSentAt].sort((a, b) => a - b)).toEqual(lastSentAt);
  });
});
