import { serializeBlobDocument } from '../../../../../src/domain/messaging/blob-codec';
import { messageKey } from '../../../../../src/domain/messaging/message';
import { parseStoredHead, serializeStoreHead } from '../../../../../src/domain/messaging/store/head-codec';
import { messagePage, parseMessagePage, serializeMessagePage } from '../../../../../src/domain/messaging/store/message-page';
import { sealTail } from '../../../../../src/domain/messaging/store/seal-tail';
import { StoreHead } from '../../../../../src/domain/messaging/store/store-head';
import { aliceDoc, BOB, errorOf, unwrap } from '../builders';
import { headOf, incomingMessages, message, objectIdFactory, withTail } from './store-builders';

const HASH = 'A'.repeat(43);

const sealedHead = (): StoreHead => {
  const sealed = sealTail(withTail(headOf(), incomingMessages(20, 100)), objectIdFactory()(), { thresholdBytes: 1000, keepBytes: 500, maxPageBytes: 100_000 });
  if (sealed === null) throw new Error('expected a seal');
  return { ...sealed.head, log: [[3, HASH]], releasedPages: { [objectIdFactory(99)()]: 5 } };
};

const reparse = (head: object): string => errorOf(parseStoredHead(JSON.stringify(head)));

describe('format 2 head codec', () => {
  it('reads back what it wrote: tail, pages, released pages and log', () => {
    const head = sealedHead();
    expect(Object.keys(head.pages)).toHaveLength(1);
    expect(unwrap(parseStoredHead(serializeStoreHead(head)))).toEqual({ format: 2, head });
  });

  it('recognizes a version 1 blob as one to upgrade', () => {
    const doc = aliceDoc();
    expect(unwrap(parseStoredHead(serializeBlobDocument(doc)))).toEqual({ format: 1, doc });
  });

  it('reports a newer format, so the client refuses to write it (§8.6)', () => {
    expect(reparse({ ...sealedHead(), format: 3 })).toBe('store/newer-format');
    expect(reparse({ format: 7, somethingElse: true })).toBe('store/newer-format');
  });

  it('refuses a member it does not understand, at the top or in a message', () => {
    const head = sealedHead();
    expect(reparse({ ...head, drafts: {} })).toBe('store/malformed');
    const [key, first] = Object.entries(head.tail)[0]!;
    expect(reparse({ ...head, tail: { ...head.tail, [key]: { ...first, reactions: [] } } })).toBe('store/malformed');
    const [pageId, ref] = Object.entries(head.pages)[0]!;
    expect(reparse({ ...head, pages: { [pageId]: { ...ref, sealedBy: 'phone' } } })).toBe('store/malformed');
    const indexId = objectIdFactory(7)();
    expect(unwrap(parseStoredHead(JSON.stringify({ ...head, indexes: { [indexId]: { ...ref, id: indexId, pages: 1 } } }))).format).toBe(2);
    expect(reparse({ ...head, indexes: { [indexId]: { ...ref, id: indexId } } })).toBe('store/malformed');
  });

  it('refuses malformed store keys, page ids, logs and tail keys', () => {
    const head = sealedHead();
    const [pageId, ref] = Object.entries(head.pages)[0]!;
    expect(reparse({ ...head, storeKey: 'short' })).toBe('store/malformed');
    expect(reparse({ ...head, pages: { other: { ...ref, id: 'other' } } })).toBe('store/malformed');
    expect(reparse({ ...head, pages: { [pageId]: { ...ref, id: objectIdFactory(5)() } } })).toBe('store/malformed');
    expect(reparse({ ...head, releasedPages: { [pageId]: 1 } })).toBe('store/malformed');
    expect(reparse({ ...head, log: [[3, HASH], [2, HASH]] })).toBe('store/malformed');
    expect(reparse({ ...head, tail: { [messageKey('in', BOB, 'other-id')]: message() } })).toBe('store/malformed');
    expect(reparse({ ...head, version: 'one' })).toBe('store/malformed');
    expect(errorOf(parseStoredHead('not json'))).toBe('store/malformed');
    expect(errorOf(parseStoredHead('[]'))).toBe('store/malformed');
  });
});

describe('page codec', () => {
  it('reads back a page, whose plaintext is canonical JSON', () => {
    const page = messagePage(incomingMessages(3));
    const text = serializeMessagePage(page);
    expect(text.startsWith('{"format":2,"kind":"messages","messages":[')).toBe(true);
    expect(unwrap(parseMessagePage(text))).toEqual(page);
  });

  it('refuses anything else', () => {
    const page = messagePage(incomingMessages(2));
    const bad = (value: unknown) => errorOf(parseMessagePage(JSON.stringify(value)));
    expect(bad({ ...page, kind: 'files' })).toBe('store/malformed-page');
    expect(bad({ ...page, format: 3 })).toBe('store/malformed-page');
    expect(bad({ ...page, index: 1 })).toBe('store/malformed-page');
    expect(bad({ ...page, messages: [{ ...page.messages[0], extra: 1 }] })).toBe('store/malformed-page');
    expect(bad({ ...page, messages: [page.messages[0], page.messages[0]] })).toBe('store/malformed-page');
    expect(bad({ ...page, messages: [{ ...page.messages[0], direction: 'sideways' }] })).toBe('store/malformed-page');
    expect(errorOf(parseMessagePage('{'))).toBe('store/malformed-page');
  });
});
