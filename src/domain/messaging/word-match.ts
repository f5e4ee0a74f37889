/** Letters and digits with their combining marks: what a search sees as one word. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** How a word compares in a search: lower case, accents dropped ("Café" finds "cafe"). */
export const foldWord = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export interface WordSpan {
  readonly start: number;
  readonly length: number;
}

/** The query's words, folded; none when it holds only spaces and punctuation. */
export const queryWords = (query: string): string[] => [...query.matchAll(WORD)].map((match) => foldWord(match[0]));

/**
 * Where in `text` the first word starting with one of `words` stands, when every query word
 * starts some word of the text (so "hel" finds "Hello" while typing); null otherwise.
 */
export const matchWords = (text: string, words: readonly string[]): WordSpan | null => {
  if (words.length === 0) return null;
  const spans = [...text.matchAll(WORD)].map((match) => ({ start: match.index, length: match[0].length, folded: foldWord(match[0]) }));
  if (!words.every((word) => spans.some((span) => span.folded.startsWith(word)))) return null;
  const first = spans.find((span) => words.some((word) => span.folded.startsWith(word)));
  return first === undefined ? null : { start: first.start, length: first.length };
};

export interface Snippet {
  readonly text: string;
  /** The matched word within `text`. */
  readonly match: WordSpan;
}

const CONTEXT = 40;

/** Up to CONTEXT characters either side of the match, cut with an ellipsis where the text goes on. */
export const snippetAround = (text: string, span: WordSpan): Snippet => {
  const from = Math.max(0, span.start - CONTEXT);
  const to = Math.min(text.length, span.start + span.length + CONTEXT);
  const before = from > 0 ? '…' : '';
  const after = to < text.length ? '…' : '';
  return { text: `${before}${text.slice(from, to)}${after}`, match: { start: before.length + span.start - from, length: span.length } };
};
