import { Binary, BSON } from 'mongodb';
import { indexesToCreate, toIndexDescription } from '../../../../../src/adapters/storage/mongodb/mongo-schema-setup';
import { toAccountDocument, toBlobDocuments, toCaptchaDocument, toInboxItemDocument, toSessionDocument } from '../../../../../src/adapters/storage/mongodb/mongo-documents';
import {
  BLOB_CHUNK_BYTES,
  COLLECTIONS,
  IndexDefinition,
  INDEXES,
  MAX_BSON_DOCUMENT_BYTES,
} from '../../../../../src/adapters/storage/mongodb/schema';
import { anAccount, aCaptcha, aDrop, aSession, T0 } from '../../../../support/storage-fixtures';

const indexOn = (collection: string, key: Record<string, 1 | -1>): IndexDefinition | undefined =>
  INDEXES.find((index) => index.collection === collection && JSON.stringify(index.key) === JSON.stringify(key));

describe('MongoDB schema', () => {
  describe('uniqueness', () => {
    it('makes account names unique by using the name as _id', () => {
      expect(toAccountDocument(anAccount({ name: 'alice' }))._id).toBe('alice');
    });

    it('makes a token hash unique per owner, not globally', () => {
      expect(indexOn(COLLECTIONS.dropTokens, { owner: 1, hash: 1 })).toEqual(expect.objectContaining({ unique: true }));
      expect(indexOn(COLLECTIONS.dropTokens, { hash: 1 })).toBeUndefined();
    });

    it('orders each inbox by a seq that is unique per owner, and item ids unique per owner', () => {
      expect(indexOn(COLLECTIONS.inbox, { owner: 1, seq: 1 })).toEqual(expect.objectContaining({ unique: true }));
      expect(indexOn(COLLECTIONS.inbox, { owner: 1, id: 1 })).toEqual(expect.objectContaining({ unique: true }));
    });

    it('allows each chunk position of a blob once', () => {
      expect(indexOn(COLLECTIONS.blobChunks, { name: 1, index: 1 })).toEqual(expect.objectContaining({ unique: true }));
    });
  });

  describe('expiry', () => {
    it.each([COLLECTIONS.sessions, COLLECTIONS.captchas])('expires %s at their expiresAt with a TTL index', (collection) => {
      expect(indexOn(collection, { expiresAt: 1 })).toEqual(expect.objectContaining({ expireAfterSeconds: 0 }));
    });

    it('stores the TTL fields as Dates, the only type a TTL index acts on', () => {
      expect(toSessionDocument(aSession('alice', { expiresAt: T0 })).expiresAt).toEqual(new Date(T0));
      expect(toCaptchaDocument(aCaptcha('alice', { expiresAt: T0 })).expiresAt).toEqual(new Date(T0));
    });

    it('leaves the TTL indexes out only when asked to, keeping every other index', () => {
      const withoutTtl = indexesToCreate({ ttlIndexes: false });
      expect(withoutTtl.some((index) => index.expireAfterSeconds !== undefined)).toBe(false);
      expect(withoutTtl).toHaveLength(INDEXES.length - 2);
      expect(indexesToCreate({ ttlIndexes: true })).toEqual(INDEXES);
    });
  });

  describe('declarations', () => {
    it('gives every index a distinct name on a declared collection', () => {
      const names = INDEXES.map((index) => `${index.collection}.${index.name}`);
      expect(new Set(names).size).toBe(names.length);
      for (const index of INDEXES) expect(Object.values(COLLECTIONS)).toContain(index.collection);
    });

    it('passes name, key, unique and TTL to the driver and nothing it was not given', () => {
      expect(toIndexDescription({ collection: COLLECTIONS.sessions, name: 'ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 })).toEqual({
        name: 'ttl',
        key: { expiresAt: 1 },
        expireAfterSeconds: 0,
      });
      expect(toIndexDescription({ collection: COLLECTIONS.inbox, name: 'order', key: { owner: 1, seq: 1 }, unique: true })).toEqual({
        name: 'order',
        key: { owner: 1, seq: 1 },
        unique: true,
      });
    });
  });

  describe('the 16 MiB document limit', () => {
    const DEFAULT_BLOB_BYTES = 16 * 1024 * 1024;

    it('could not keep a default-sized blob in one document', () => {
      const oneDocument = { _id: 'a'.repeat(32), version: 1, ciphertext: new Binary(new Uint8Array(DEFAULT_BLOB_BYTES)) };
      expect(BSON.calculateObjectSize(oneDocument)).toBeGreaterThan(MAX_BSON_DOCUMENT_BYTES);
    });

    it('keeps every chunk of a default-sized blob well inside the limit', () => {
      const { head, chunks } = toBlobDocuments({
        name: 'a'.repeat(32),
        version: Number.MAX_SAFE_INTEGER,
        ciphertext: new Uint8Array(DEFAULT_BLOB_BYTES),
        updatedAt: T0,
      });
      expect(chunks).toHaveLength(DEFAULT_BLOB_BYTES / BLOB_CHUNK_BYTES);
      for (const chunk of chunks) expect(BSON.calculateObjectSize(chunk)).toBeLessThan(MAX_BSON_DOCUMENT_BYTES / 2 + 1024);
      expect(BSON.calculateObjectSize(head)).toBeLessThan(1024);
    });

    it('keeps an inbox item with a maximal envelope far inside the limit', () => {
      const envelope = '€'.repeat(65536 / 3);
      const document = toInboxItemDocument({ ...aDrop('a'.repeat(32), { envelope }), seq: 1 }, 65536);
      expect(BSON.calculateObjectSize(document)).toBeLessThan(128 * 1024);
    });
  });
});
