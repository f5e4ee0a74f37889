import { err, ok, Result } from '../../protocol/result';
import { utf8ByteLength } from '../../protocol/text-size';
import { canonicalJson } from '../canonical-json';
import { PageFriendRange, PageRef } from './page-ref';
import { isPageRef } from './ref-checks';
import { STORE_FORMAT } from './store-head';
import { hasOnlyMembers, isJsonObject, parseJson } from './strict-json';

/*
 * The head would otherwise carry a reference for every page of the whole history, and grow with
 * it. Older references are folded into immutable index objects, which the head references instead:
 * the head holds the recent pages and one reference per index.
 */

/** The plaintext of an index object: references of older pages, oldest first. */
export interface IndexPage {
  readonly format: typeof STORE_FORMAT;
  readonly kind: 'index';
  readonly pages: readonly PageRef[];
}

/** An index as the head references it: the union of its pages' summaries, so a reader knows which index to open. */
export interface IndexRef extends PageRef {
  /** How many page references it holds. */
  readonly pages: number;
}

export const indexPage = (pages: readonly PageRef[]): IndexPage => ({ format: STORE_FORMAT, kind: 'index', pages });

export const serializeIndexPage = (page: IndexPage): string => canonicalJson(page);

const unionRange = (a: PageFriendRange | undefined, b: PageFriendRange): PageFriendRange =>
  a === undefined
    ? b
    : { messages: a.messages + b.messages, firstSentAt: Math.min(a.firstSentAt, b.firstSentAt), lastSentAt: Math.max(a.lastSentAt, b.lastSentAt) };

export const indexRefOf = (id: string, page: IndexPage): IndexRef => {
  const friends = new Map<string, PageFriendRange>();
  for (const ref of page.pages) for (const [address, range] of Object.entries(ref.friends)) friends.set(address, unionRange(friends.get(address), range));
  return {
    id,
    pages: page.pages.length,
    messages: page.pages.reduce((sum, ref) => sum + ref.messages, 0),
    bytes: utf8ByteLength(serializeIndexPage(page)),
    friends: Object.fromEntries(friends),
  };
};

const isIndexPage = (value: unknown): value is IndexPage =>
  isJsonObject(value) &&
  hasOnlyMembers(value, ['format', 'kind', 'pages']) &&
  value.format === STORE_FORMAT &&
  value.kind === 'index' &&
  Array.isArray(value.pages) &&
  value.pages.every(isPageRef) &&
  new Set(value.pages.map((ref) => ref.id)).size === value.pages.length;

export const parseIndexPage = (text: string): Result<IndexPage, 'store/malformed-page'> => {
  const parsed = parseJson(text);
  return parsed.ok && isIndexPage(parsed.value) ? ok(parsed.value) : err('store/malformed-page');
};
