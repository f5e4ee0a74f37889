import fc from 'fast-check';
import { BSON, Document } from 'mongodb';
import {
  binaryToBytes,
  bytesToBinary,
  fromAccountDocument,
  fromBlobDocuments,
  fromCaptchaDocument,
  fromDropTokenDocument,
  fromInboxItemDocument,
  fromSessionDocument,
  splitIntoChunks,
  toAccountDocument,
  toBlobDocuments,
  toCaptchaDocument,
  toDropTokenDocument,
  toInboxItemDocument,
  toSessionDocument,
} from '../../../../../src/adapters/storage/mongodb/mongo-documents';
import { StoredInboxItem } from '../../../../../src/domain/home-server/inbox-item';
import { UserBlob } from '../../../../../src/domain/home-server/user-blob';
import { aCaptcha, aDrop, aDropToken, anAccount, aSession, bytes, T0 } from '../../../../support/storage-fixtures';

/** What the driver does to a document on its way to the server and back. */
const throughBson = <T extends Document>(document: T): T => BSON.deserialize(BSON.serialize(document)) as T;

const aBlob = (ciphertext: Uint8Array, overrides: Partial<UserBlob> = {}): UserBlob => ({
  name: 'alice',
  version: 3,
  ciphertext,
  updatedAt: T0,
  ...overrides,
});

describe('MongoDB document mappers', () => {
  describe('round trips through BSON', () => {
    it.each([
      ['a fresh account', anAccount({ name: 'alice' })],
      ['a seen, open, disabled account', anAccount({ name: 'bob', lastSeenAt: T0 + 5, openInbox: true, disabled: true })],
    ])('keeps %s exactly', (_, account) => {
      expect(fromAccountDocument(throughBson(toAccountDocument(account)))).toEqual(account);
    });

    it.each([
      ['an unused token', aDropToken('alice')],
      ['a used token', aDropToken('alice', { lastUsedAt: T0 + 9, uses: 12 })],
    ])('keeps %s exactly', (_, token) => {
      expect(fromDropTokenDocument(throughBson(toDropTokenDocument(token)))).toEqual(token);
    });

    it('keeps a session, its expiry to the millisecond', () => {
      const session = aSession('alice', { createdAt: T0 + 1, expiresAt: T0 + 3_600_001 });
      expect(fromSessionDocument(throughBson(toSessionDocument(session)))).toEqual(session);
    });

    it('keeps a captcha, its expiry to the millisecond', () => {
      const captcha = aCaptcha('alice', { kind: 'pow', answer: '4242', expiresAt: T0 + 299_999, attemptsLeft: 1 });
      expect(fromCaptchaDocument(throughBson(toCaptchaDocument(captcha)))).toEqual(captcha);
    });

    it.each([
      ['a drop with a token', { ...aDrop('bob', { tokenId: 'token-1' }), seq: 7 }],
      ['a friend request', { ...aDrop('bob', { kind: 'friend-request', tokenId: null, envelope: '{"ü":"✓😀"}' }), seq: 1 }],
    ])('keeps %s exactly, and nothing more', (_, item: StoredInboxItem) => {
      expect(fromInboxItemDocument(throughBson(toInboxItemDocument(item, 10)))).toEqual(item);
    });

    it('keeps bytes as a BSON Binary, never as text', () => {
      const stored = throughBson({ value: bytesToBinary(bytes(0, 255, 128)) });
      expect(binaryToBytes(stored['value'])).toEqual(bytes(0, 255, 128));
    });

    it('keeps any blob byte for byte, whatever the chunk size', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (ciphertext, chunkBytes) => {
          const { head, chunks } = toBlobDocuments(aBlob(ciphertext), chunkBytes);
          const back = fromBlobDocuments(throughBson(head), chunks.map(throughBson));
          expect(back).toEqual(aBlob(ciphertext));
        }),
      );
    });
  });

  describe('blob chunks', () => {
    it('cuts ciphertext into full chunks and one remainder', () => {
      expect(splitIntoChunks(bytes(1, 2, 3, 4, 5), 2)).toEqual([bytes(1, 2), bytes(3, 4), bytes(5)]);
      expect(splitIntoChunks(bytes(1, 2, 3, 4), 2)).toEqual([bytes(1, 2), bytes(3, 4)]);
    });

    it('stores an empty ciphertext as a head with no chunk', () => {
      const { head, chunks } = toBlobDocuments(aBlob(new Uint8Array(0)));
      expect(chunks).toEqual([]);
      expect(head).toEqual({ _id: 'alice', version: 3, updatedAt: T0, byteLength: 0, chunkCount: 0 });
      expect(fromBlobDocuments(head, [])).toEqual(aBlob(new Uint8Array(0)));
    });

    it('joins chunks in index order whatever order they arrive in', () => {
      const { head, chunks } = toBlobDocuments(aBlob(bytes(1, 2, 3, 4, 5)), 2);
      expect(fromBlobDocuments(head, [...chunks].reverse()).ciphertext).toEqual(bytes(1, 2, 3, 4, 5));
    });

    it.each([
      ['a missing chunk', (chunks: unknown[]) => chunks.slice(1)],
      ['an extra chunk', (chunks: unknown[]) => [...chunks, chunks[0]]],
    ])('refuses to return a blob with %s', (_, corrupt) => {
      const { head, chunks } = toBlobDocuments(aBlob(bytes(1, 2, 3, 4, 5)), 2);
      expect(() => fromBlobDocuments(head, corrupt(chunks) as typeof chunks)).toThrow(/inconsistent/);
    });

    it('refuses a head whose length does not match its chunks', () => {
      const { head, chunks } = toBlobDocuments(aBlob(bytes(1, 2, 3)), 2);
      expect(() => fromBlobDocuments({ ...head, byteLength: 4 }, chunks)).toThrow(/inconsistent/);
    });

    it('refuses a nonsensical chunk size', () => {
      expect(() => splitIntoChunks(bytes(1), 0)).toThrow();
    });
  });

  describe('copies', () => {
    it('is not changed by mutating the ciphertext after mapping', () => {
      const ciphertext = bytes(1, 2, 3);
      const { chunks } = toBlobDocuments(aBlob(ciphertext));
      ciphertext.fill(0);
      expect(chunks[0]!.data.value()).toEqual(bytes(1, 2, 3));
    });

    it('returns bytes that share nothing with the stored Binary', () => {
      const binary = bytesToBinary(bytes(7, 7));
      const returned = binaryToBytes(binary);
      returned.fill(0);
      expect(binary.value()).toEqual(bytes(7, 7));
    });
  });
});
