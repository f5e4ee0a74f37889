import { foldPages } from '../../../../../src/domain/messaging/store/fold-pages';
import { parseIndexPage, serializeIndexPage } from '../../../../../src/domain/messaging/store/index-page';
import { knownPageRefs } from '../../../../../src/domain/messaging/store/known-pages';
import { MessagePage } from '../../../../../src/domain/messaging/store/message-page';
import { pagesOfFriend } from '../../../../../src/domain/messaging/store/page-ref';
import { readConversation } from '../../../../../src/domain/messaging/store/read-conversation';
import { sealTail } from '../../../../../src/domain/messaging/store/seal-tail';
import { StoreHead } from '../../../../../src/domain/messaging/store/store-head';
import { BOB, errorOf, unwrap } from '../builders';
import { headOf, incomingMessages, objectIdFactory, withTail } from './store-builders';

const SEAL = { thresholdBytes: 1500, keepBytes: 500, maxPageBytes: 100_000 };
const FOLD = { foldAt: 4, fold: 3 };

/** A head whose syncs sealed `count` pages, with the pages by id. */
const sealedPages = (count: number) => {
  const newId = objectIdFactory();
  const pages = new Map<string, MessagePage>();
  let head: StoreHead = headOf();
  for (let from = 1; pages.size < count; from += 5) {
    const sealed = sealTail(withTail(head, incomingMessages(5, 100, from)), newId(), SEAL);
    head = sealed === null ? withTail(head, incomingMessages(5, 100, from)) : sealed.head;
    if (sealed !== null) pages.set(sealed.ref.id, sealed.page);
  }
  return { head, pages, newId };
};

describe('foldPages', () => {
  it('does nothing while the head holds few page references', () => {
    const { head, newId } = sealedPages(4);
    expect(foldPages(head, newId(), FOLD)).toBeNull();
  });

  it('moves the oldest references into one index, which a reader opens to find them', () => {
    const { head, pages, newId } = sealedPages(5);
    const indexId = newId();
    const folded = foldPages(head, indexId, FOLD)!;
    const oldest = Object.values(head.pages).sort((a, b) => a.friends[BOB]!.lastSentAt - b.friends[BOB]!.lastSentAt);

    expect(folded.index.pages).toEqual(oldest.slice(0, 3));
    expect(Object.values(folded.head.pages)).toEqual(expect.arrayContaining(oldest.slice(3)));
    expect(Object.keys(folded.head.pages)).toHaveLength(2);
    expect(folded.head.indexes).toEqual({ [indexId]: folded.ref });
    expect(folded.ref).toMatchObject({ id: indexId, pages: 3, messages: oldest.slice(0, 3).reduce((sum, ref) => sum + ref.messages, 0) });
    expect(folded.ref.friends[BOB]).toEqual({
      messages: folded.ref.messages,
      firstSentAt: oldest[0]!.friends[BOB]!.firstSentAt,
      lastSentAt: oldest[2]!.friends[BOB]!.lastSentAt,
    });
    expect(pagesOfFriend(folded.head.indexes, BOB)).toEqual([folded.ref]);

    const index = unwrap(parseIndexPage(serializeIndexPage(folded.index)));
    expect(knownPageRefs(folded.head, [index])).toEqual(head.pages);
    expect(readConversation(folded.head, [...pages.values()], BOB)).toEqual(readConversation(head, [...pages.values()], BOB));
  });

  it('skips in an index the pages a compaction released since', () => {
    const { head, newId } = sealedPages(5);
    const folded = foldPages(head, newId(), FOLD)!;
    const released = folded.index.pages[0]!.id;
    const later: StoreHead = { ...folded.head, releasedPages: { [released]: 1 } };
    expect(Object.keys(knownPageRefs(later, [folded.index]))).not.toContain(released);
  });

  it('refuses an id already used, and an index that is not one', () => {
    const { head, newId } = sealedPages(5);
    expect(() => foldPages(head, Object.keys(head.pages)[0]!, FOLD)).toThrow();
    const folded = foldPages(head, newId(), FOLD)!;
    const bad = (value: unknown) => errorOf(parseIndexPage(JSON.stringify(value)));
    expect(bad({ ...folded.index, kind: 'messages' })).toBe('store/malformed-page');
    expect(bad({ ...folded.index, pages: [folded.index.pages[0], folded.index.pages[0]] })).toBe('store/malformed-page');
    expect(bad({ ...folded.index, pages: [{ ...folded.index.pages[0], note: 1 }] })).toBe('store/malformed-page');
  });
});
