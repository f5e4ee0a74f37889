import { createBlobDocument, withVersion } from '../../../../src/domain/messaging/blob-document';
import { parseBlobDocument, serializeBlobDocument } from '../../../../src/domain/messaging/blob-codec';
import { BLOB_NEAR_CAP_RATIO, isNearCap, plaintextSize } from '../../../../src/domain/messaging/blob-size';
import { isInboxItemProcessed, PROCESSED_ITEM_RETENTION_MS, pruneProcessedInboxItems, recordProcessedInboxItems } from '../../../../src/domain/messaging/inbox-items';
import { compareWithKnownKdf, knownServerOf, rememberServerKdf } from '../../../../src/domain/messaging/known-servers';
import { getSetting, setSetting } from '../../../../src/domain/messaging/settings';
import { KdfParams } from '../../../../src/domain/protocol/account-rules';
import { ALICE, ALICE_IDENTITY, bobFriendsWithAlice, DAY, errorOf, T0, unwrap } from './builders';

const kdf: KdfParams = { algorithm: 'argon2id', salt: 'c2FsdHNhbHRzYWx0c2FsdA', memoryKiB: 65536, iterations: 3, parallelism: 1 };

describe('blob codec', () => {
  it('round-trips a document through its JSON text', () => {
    const doc = bobFriendsWithAlice();
    expect(unwrap(parseBlobDocument(serializeBlobDocument(doc)))).toEqual(doc);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['another format', JSON.stringify({ ...createBlobDocument(ALICE_IDENTITY), format: 2 })],
    ['a missing collection', JSON.stringify({ ...createBlobDocument(ALICE_IDENTITY), friends: undefined })],
    ['a broken message', JSON.stringify({ ...createBlobDocument(ALICE_IDENTITY), messages: { x: { id: 1 } } })],
    ['an unknown link state', serializeBlobDocument(bobFriendsWithAlice()).replace('"established"', '"friends-forever"')],
  ])('rejects %s', (_, text) => {
    expect(errorOf(parseBlobDocument(text))).toBe('blob/malformed');
  });

  it('keeps a "__proto__" key as data', () => {
    const text = JSON.stringify(recordProcessedInboxItems(createBlobDocument(ALICE_IDENTITY), ['__proto__'], T0));
    const doc = unwrap(parseBlobDocument(text));
    expect(isInboxItemProcessed(doc, '__proto__')).toBe(true);
    expect(isInboxItemProcessed(doc, 'toString')).toBe(false);
  });

  it('the writer sets the version', () => {
    expect(withVersion(createBlobDocument(ALICE_IDENTITY), 7).version).toBe(7);
  });
});

describe('blob size', () => {
  it('measures UTF-8 bytes and flags the near-cap threshold', () => {
    const doc = setSetting(createBlobDocument(ALICE_IDENTITY), { key: 'name', value: 'é', now: T0, deviceId: 'd' });
    expect(plaintextSize(doc)).toBe(serializeBlobDocument(doc).length + 1);
    expect(isNearCap(BLOB_NEAR_CAP_RATIO * 1000 - 1, 1000)).toBe(false);
    expect(isNearCap(BLOB_NEAR_CAP_RATIO * 1000, 1000)).toBe(true);
  });
});

describe('processed inbox items', () => {
  it('records ids once and prunes the old ones', () => {
    let doc = recordProcessedInboxItems(createBlobDocument(ALICE_IDENTITY), ['a', 'b'], T0);
    doc = recordProcessedInboxItems(doc, ['b', 'c'], T0 + 40 * DAY);
    expect(doc.processedInboxItems).toEqual({ a: T0, b: T0, c: T0 + 40 * DAY });
    const pruned = pruneProcessedInboxItems(doc, { now: T0 + 40 * DAY, stillListed: [] });
    expect(pruned.processedInboxItems).toEqual({ c: T0 + 40 * DAY });
    expect(isInboxItemProcessed(pruned, 'a')).toBe(false);
  });

  it('keeps an id the server still lists, however old: its acknowledgement may have failed', () => {
    const doc = recordProcessedInboxItems(createBlobDocument(ALICE_IDENTITY), ['acked', 'unacked'], T0);
    const pruned = pruneProcessedInboxItems(doc, { now: T0 + 40 * DAY, stillListed: ['unacked', 'new'] });
    expect(pruned.processedInboxItems).toEqual({ unacked: T0 });
  });

  it('keeps the ids of the last hour, and returns the same document when nothing goes', () => {
    const doc = recordProcessedInboxItems(createBlobDocument(ALICE_IDENTITY), ['recent'], T0);
    expect(pruneProcessedInboxItems(doc, { now: T0 + PROCESSED_ITEM_RETENTION_MS - 1, stillListed: [] })).toBe(doc);
    expect(pruneProcessedInboxItems(doc, { now: T0 + PROCESSED_ITEM_RETENTION_MS, stillListed: [] }).processedInboxItems).toEqual({});
  });
});

describe('known servers (KDF downgrade warning)', () => {
  it('tells first use, unchanged and changed parameters apart', () => {
    const empty = createBlobDocument(ALICE_IDENTITY);
    expect(compareWithKnownKdf(empty, ALICE, kdf)).toBe('first-use');
    const doc = unwrap(rememberServerKdf(empty, { address: 'Alice@A.example:443', kdf, now: T0, deviceId: 'd' }));
    expect(knownServerOf(doc, ALICE)).toEqual({ kdf });
    expect(compareWithKnownKdf(doc, ALICE, kdf)).toBe('unchanged');
    expect(compareWithKnownKdf(doc, ALICE, { ...kdf, memoryKiB: 19456 })).toBe('changed');
    expect(compareWithKnownKdf(doc, ALICE, { ...kdf, salt: 'b3RoZXJzYWx0b3RoZXJzYQ' })).toBe('changed');
  });

  it('rejects an invalid address', () => {
    expect(errorOf(rememberServerKdf(createBlobDocument(ALICE_IDENTITY), { address: 'x', kdf, now: T0, deviceId: 'd' }))).toBe('address/invalid');
  });
});

describe('settings', () => {
  it('reads back what was set', () => {
    const doc = setSetting(createBlobDocument(ALICE_IDENTITY), { key: 'notify', value: true, now: T0, deviceId: 'd' });
    expect(getSetting(doc, 'notify')).toBe(true);
    expect(getSetting(doc, 'missing')).toBeUndefined();
  });
});
