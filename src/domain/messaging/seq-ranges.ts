/**
 * A set of positive sequence numbers as sorted, disjoint, non-adjacent inclusive ranges:
 * compact for long conversations, and one normal form per set so merges compare equal.
 */
export type SeqRange = readonly [from: number, to: number];
export type SeqRanges = readonly SeqRange[];

export const EMPTY_SEQ_RANGES: SeqRanges = [];

export const isValidSeq = (seq: unknown): seq is number =>
  typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1;

export const hasSeq = (ranges: SeqRanges, seq: number): boolean =>
  ranges.some(([from, to]) => seq >= from && seq <= to);

export const highestSeq = (ranges: SeqRanges): number => ranges[ranges.length - 1]?.[1] ?? 0;

export const countSeqsAbove = (ranges: SeqRanges, floor: number): number =>
  ranges.reduce((count, [from, to]) => count + Math.max(0, to - Math.max(from, floor + 1) + 1), 0);

const normalize = (ranges: readonly SeqRange[]): SeqRanges => {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const result: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = result[result.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else result.push([from, to]);
  }
  return result;
};

export const addSeq = (ranges: SeqRanges, seq: number): SeqRanges =>
  hasSeq(ranges, seq) ? ranges : normalize([...ranges, [seq, seq]]);

export const unionSeqRanges = (a: SeqRanges, b: SeqRanges): SeqRanges => normalize([...a, ...b]);

/** The seqs missing between 1 and the highest seq present: the "a message may be missing" gaps. */
export const missingSeqRanges = (ranges: SeqRanges): SeqRanges => {
  const gaps: SeqRange[] = [];
  let expected = 1;
  for (const [from, to] of ranges) {
    if (from > expected) gaps.push([expected, from - 1]);
    expected = to + 1;
  }
  return gaps;
};

export const seqRangesFrom = (seqs: readonly number[]): SeqRanges =>
  normalize(seqs.map((seq): SeqRange => [seq, seq]));
