import { canonicalJson, pickCanonical } from '../canonical-json';
import { mergeBlobDocuments } from '../merge';
import { MessageRecord } from '../message';
import { getOwn, hasOwn, mergeRecords, OwnRecord } from '../own-record';
import { StoreHead, tailDocument, withTailDocument } from './store-head';

const withoutKeys = <T>(entries: OwnRecord<T>, gone: OwnRecord<unknown>): OwnRecord<T> =>
  Object.fromEntries(Object.entries(entries).filter(([key]) => !hasOwn(gone, key)));

/** The log of the later head: like `version`, the writer sets it from the head it read (§8.3). */
const laterLog = (a: StoreHead, b: StoreHead): StoreHead['log'] =>
  a.version !== b.version ? (a.version > b.version ? a.log : b.log) : pickCanonical(a.log, b.log);

/**
 * Merges two format 2 heads (PROTOCOL §8.4, keeping §6): the v1 collections and the tail merge as
 * v1 does (keyed by id, tombstones win, nothing either side added is dropped); page references are
 * one more keyed collection, and so are indexes; released pages are their tombstones. Commutative,
 * associative and idempotent. A message one side sealed and the other still has in its tail stays in
 * the tail and will be sealed again, and a page one side folded into an index stays referenced by the
 * other: readers merge every copy of a message and every reference of a page, so a duplicate costs
 * bytes, never a message (`rebaseHead` avoids both when the common ancestor is known).
 */
export const mergeHeads = (a: StoreHead, b: StoreHead): StoreHead => {
  if (a.storeKey !== b.storeKey) throw new Error('Cannot merge the heads of two different stores');
  const v1 = mergeBlobDocuments(tailDocument(a), tailDocument(b));
  const releasedPages = mergeRecords(a.releasedPages, b.releasedPages, Math.min);
  return {
    ...withTailDocument(a, v1),
    format: a.format,
    storeKey: a.storeKey,
    pages: withoutKeys(mergeRecords(a.pages, b.pages, pickCanonical), releasedPages),
    indexes: withoutKeys(mergeRecords(a.indexes, b.indexes, pickCanonical), releasedPages),
    releasedPages,
    log: laterLog(a, b),
  };
};

const unchanged = (record: MessageRecord | undefined, original: MessageRecord): boolean =>
  record !== undefined && canonicalJson(record) === canonicalJson(original);

/**
 * Drops from `side` what `other` moved out of the common head and `side` left as it was: tail
 * messages it sealed (or deleted), page references it folded into an index (or released),
 * processed inbox ids it forgot (`pruneProcessedInboxItems`: the server no longer holds them).
 */
const withoutMovedOut = (side: StoreHead, other: StoreHead, base: StoreHead): StoreHead => {
  const sealed = new Set(
    Object.entries(base.tail)
      .filter(([key, original]) => !hasOwn(other.tail, key) && unchanged(getOwn(side.tail, key), original))
      .map(([key]) => key),
  );
  const folded = new Set(Object.keys(base.pages).filter((id) => !hasOwn(other.pages, id)));
  const forgotten = new Set(
    Object.entries(base.processedInboxItems)
      .filter(([id, at]) => !hasOwn(other.processedInboxItems, id) && getOwn(side.processedInboxItems, id) === at)
      .map(([id]) => id),
  );
  return {
    ...side,
    processedInboxItems: Object.fromEntries(Object.entries(side.processedInboxItems).filter(([id]) => !forgotten.has(id))),
    tail: Object.fromEntries(Object.entries(side.tail).filter(([key]) => !sealed.has(key))),
    pages: Object.fromEntries(Object.entries(side.pages).filter(([id]) => !folded.has(id))),
  };
};

/**
 * The 412 re-merge when both heads descend from `base` (the head `local` was made from; `remote` is
 * the one just read). A message one side sealed (or deleted) out of the common tail leaves the
 * merged tail too, unless the other side changed it meanwhile: that copy stays as a replacement.
 * A message that left a tail without a tombstone is in a page of that side, and a page reference
 * that left `pages` without a tombstone is in an index of that side, so nothing is lost.
 */
export const rebaseHead = (base: StoreHead, local: StoreHead, remote: StoreHead): StoreHead =>
  mergeHeads(withoutMovedOut(local, remote, base), withoutMovedOut(remote, local, base));
