import fc from 'fast-check';
import {
  addSeq,
  countSeqsAbove,
  hasSeq,
  highestSeq,
  missingSeqRanges,
  seqRangesFrom,
  unionSeqRanges,
} from '../../../../src/domain/messaging/seq-ranges';

describe('seq ranges', () => {
  it('joins adjacent seqs into one range', () => {
    expect(seqRangesFrom([3, 1, 2, 5])).toEqual([
      [1, 3],
      [5, 5],
    ]);
    expect(addSeq(seqRangesFrom([1, 2, 3, 5]), 4)).toEqual([[1, 5]]);
  });

  it('lists the missing seqs from 1 up to the highest', () => {
    expect(missingSeqRanges(seqRangesFrom([2, 3, 6, 9]))).toEqual([
      [1, 1],
      [4, 5],
      [7, 8],
    ]);
    expect(missingSeqRanges(seqRangesFrom([1, 2, 3]))).toEqual([]);
  });

  it('counts seqs above a floor', () => {
    expect(countSeqsAbove(seqRangesFrom([1, 2, 3, 7, 8]), 2)).toBe(3);
  });

  const seqs = fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 30 });

  it('agrees with a plain set', () => {
    fc.assert(
      fc.property(seqs, seqs, fc.integer({ min: 1, max: 70 }), (left, right, probe) => {
        const union = unionSeqRanges(seqRangesFrom(left), seqRangesFrom(right));
        const expected = new Set([...left, ...right]);
        expect(hasSeq(union, probe)).toBe(expected.has(probe));
        expect(highestSeq(union)).toBe(Math.max(0, ...expected));
        expect(union).toEqual(seqRangesFrom([...expected]));
        const missing = missingSeqRanges(union).flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
        expect(missing.length + expected.size).toBe(highestSeq(union));
        expect(missing.some((seq) => expected.has(seq))).toBe(false);
      }),
    );
  });
});
