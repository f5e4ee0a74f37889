import fc from 'fast-check';
import { mergeHeads } from '../../../../../src/domain/messaging/store/merge-heads';
import { StoreHead } from '../../../../../src/domain/messaging/store/store-head';
import { pagePool, storeHead } from './store-arbitraries';

const two = pagePool.chain((pool) => fc.tuple(storeHead(pool), storeHead(pool)));
const three = pagePool.chain((pool) => fc.tuple(storeHead(pool), storeHead(pool), storeHead(pool)));
const keysOf = (record: object): string[] => Object.keys(record);

describe('mergeHeads (properties)', () => {
  it('is commutative', () => {
    fc.assert(fc.property(two, ([a, b]) => expect(mergeHeads(a, b)).toEqual(mergeHeads(b, a))), { numRuns: 300 });
  });

  it('is associative', () => {
    fc.assert(fc.property(three, ([a, b, c]) => expect(mergeHeads(mergeHeads(a, b), c)).toEqual(mergeHeads(a, mergeHeads(b, c)))), { numRuns: 300 });
  });

  it('is idempotent and absorbs what it already merged', () => {
    fc.assert(
      fc.property(two, ([a, b]) => {
        expect(mergeHeads(a, a)).toEqual(a);
        expect(mergeHeads(a, mergeHeads(a, b))).toEqual(mergeHeads(a, b));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every page reference either side has unless the other released it, and never brings a released one back', () => {
    fc.assert(
      fc.property(two, ([a, b]) => {
        const merged = mergeHeads(a, b);
        for (const side of [a, b]) {
          for (const id of keysOf(side.pages)) expect(id in merged.pages || id in merged.releasedPages).toBe(true);
          for (const id of keysOf(side.indexes)) expect(id in merged.indexes || id in merged.releasedPages).toBe(true);
          expect(keysOf(merged.releasedPages)).toEqual(expect.arrayContaining(keysOf(side.releasedPages)));
          for (const key of keysOf(side.tail)) expect(key in merged.tail || key in merged.deletedMessages).toBe(true);
        }
        for (const id of keysOf(merged.releasedPages)) expect(id in merged.pages || id in merged.indexes).toBe(false);
        expect(merged.version).toBe(Math.max(a.version, b.version));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to merge two different stores', () => {
    fc.assert(
      fc.property(two, ([a, b]) => {
        const other: StoreHead = { ...b, storeKey: 'B'.repeat(43) };
        expect(() => mergeHeads(a, other)).toThrow();
      }),
      { numRuns: 5 },
    );
  });
});
