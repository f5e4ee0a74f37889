import fc from 'fast-check';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { LINK_STATE_RANK, ourDropTokenIdOf } from '../../../../src/domain/messaging/friendship';
import { mergeBlobDocuments } from '../../../../src/domain/messaging/merge';
import { getOwn } from '../../../../src/domain/messaging/own-record';
import { hasSeq } from '../../../../src/domain/messaging/seq-ranges';
import { blobDocument } from './blob-arbitraries';

const merge = mergeBlobDocuments;
const keysOf = (record: object): string[] => Object.keys(record);

describe('mergeBlobDocuments (properties)', () => {
  it('is commutative', () => {
    fc.assert(fc.property(blobDocument, blobDocument, (a, b) => expect(merge(a, b)).toEqual(merge(b, a))), { numRuns: 300 });
  });

  it('is associative', () => {
    fc.assert(
      fc.property(blobDocument, blobDocument, blobDocument, (a, b, c) => expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)))),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(blobDocument, (a) => expect(merge(a, a)).toEqual(a)), { numRuns: 200 });
  });

  it('absorbs a version already merged in', () => {
    fc.assert(fc.property(blobDocument, blobDocument, (a, b) => expect(merge(a, merge(a, b))).toEqual(merge(a, b))), { numRuns: 200 });
  });

  it('never drops an entry either side added (deleted messages keep their tombstone)', () => {
    fc.assert(
      fc.property(blobDocument, blobDocument, (a, b) => {
        const merged = merge(a, b);
        for (const side of [a, b]) {
          expect(keysOf(merged.friends)).toEqual(expect.arrayContaining(keysOf(side.friends)));
          expect(keysOf(merged.settings)).toEqual(expect.arrayContaining(keysOf(side.settings)));
          expect(keysOf(merged.knownServers)).toEqual(expect.arrayContaining(keysOf(side.knownServers)));
          expect(keysOf(merged.processedInboxItems)).toEqual(expect.arrayContaining(keysOf(side.processedInboxItems)));
          expect(keysOf(merged.deletedMessages)).toEqual(expect.arrayContaining(keysOf(side.deletedMessages)));
          for (const key of keysOf(side.messages)) {
            expect(key in merged.messages || key in merged.deletedMessages).toBe(true);
          }
          for (const [address, friend] of Object.entries(side.friends)) {
            const mergedFriend = getOwn(merged.friends, address)!;
            expect(keysOf(mergedFriend.links)).toEqual(expect.arrayContaining(keysOf(friend.links)));
            expect(keysOf(mergedFriend.identityAlerts)).toEqual(expect.arrayContaining(keysOf(friend.identityAlerts)));
          }
        }
        for (const key of keysOf(merged.deletedMessages)) expect(key in merged.messages).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps counters monotone: send seqs by max, received seqs by union, state by precedence', () => {
    fc.assert(
      fc.property(blobDocument, blobDocument, (a, b) => {
        const merged = merge(a, b);
        for (const side of [a, b]) {
          for (const [address, friend] of Object.entries(side.friends)) {
            for (const [handshakeId, link] of Object.entries(friend.links)) {
              const mergedLink = getOwn(getOwn(merged.friends, address)!.links, handshakeId)!;
              expect(mergedLink.nextSendSeq).toBeGreaterThanOrEqual(link.nextSendSeq);
              expect(mergedLink.readUpTo).toBeGreaterThanOrEqual(link.readUpTo);
              expect(LINK_STATE_RANK[mergedLink.state.kind]).toBeGreaterThanOrEqual(LINK_STATE_RANK[link.state.kind]);
              for (const [from, to] of link.receivedSeqs) {
                for (let seq = from; seq <= to; seq++) expect(hasSeq(mergedLink.receivedSeqs, seq)).toBe(true);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists every token a link of either side held that the merged links do not hold, to revoke', () => {
    fc.assert(
      fc.property(blobDocument, blobDocument, (a, b) => {
        const merged = merge(a, b);
        for (const side of [a, b]) {
          for (const [address, friend] of Object.entries(side.friends)) {
            const mergedFriend = getOwn(merged.friends, address)!;
            const live = Object.values(mergedFriend.links).map(ourDropTokenIdOf);
            for (const tokenId of Object.values(friend.links).map(ourDropTokenIdOf)) {
              if (tokenId !== null && !live.includes(tokenId)) expect(mergedFriend.dropTokenRevocations ?? {}).toHaveProperty([tokenId]);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never lists a token the merged links hold as still to revoke', () => {
    fc.assert(
      fc.property(blobDocument, blobDocument, (a, b) => {
        for (const friend of Object.values(merge(a, b).friends)) {
          for (const tokenId of Object.values(friend.links).map(ourDropTokenIdOf)) {
            if (tokenId !== null) expect(getOwn(friend.dropTokenRevocations ?? {}, tokenId)).not.toBeNull();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to merge two different identities', () => {
    fc.assert(
      fc.property(blobDocument, (a) => {
        const other: BlobDocument = { ...a, identity: { publicKey: 'ik-other', privateKey: 'ik-other-private' } };
        expect(() => merge(a, other)).toThrow('different identities');
      }),
      { numRuns: 5 },
    );
  });
});
