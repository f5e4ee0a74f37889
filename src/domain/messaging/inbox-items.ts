import { BlobDocument } from './blob-document';
import { hasOwn } from './own-record';

/**
 * The least time a processed inbox item id is kept. Pruning is safe once the server no longer
 * holds the item (`pruneProcessedInboxItems`) and a sync that lost a race re-lists its inbox
 * (SyncInbox); the hour is defence in depth for a device mid-sync that predates that rule.
 */
export const PROCESSED_ITEM_RETENTION_MS = 60 * 60 * 1000;

export const isInboxItemProcessed = (doc: BlobDocument, itemId: string): boolean => hasOwn(doc.processedInboxItems, itemId);

export const recordProcessedInboxItems = (doc: BlobDocument, itemIds: readonly string[], now: number): BlobDocument => {
  const fresh = itemIds.filter((id) => !hasOwn(doc.processedInboxItems, id));
  if (fresh.length === 0) return doc;
  return {
    ...doc,
    processedInboxItems: Object.fromEntries([...Object.entries(doc.processedInboxItems), ...fresh.map((id) => [id, now] as const)]),
  };
};

/**
 * Forgets processed ids the server can no longer return (PROTOCOL §6 idempotence, at the cost of
 * the ids of one hour instead of the whole history): `stillListed` is a complete listing of the
 * inbox taken after the head this document descends from was read, so an id missing from it was
 * acknowledged and deleted; ids still listed wait for their acknowledgement.
 */
export const pruneProcessedInboxItems = (
  doc: BlobDocument,
  input: { readonly now: number; readonly stillListed: readonly string[]; readonly retentionMs?: number },
): BlobDocument => {
  const cutoff = input.now - (input.retentionMs ?? PROCESSED_ITEM_RETENTION_MS);
  const listed = new Set(input.stillListed);
  const kept = Object.entries(doc.processedInboxItems).filter(([id, at]) => at > cutoff || listed.has(id));
  return kept.length === Object.keys(doc.processedInboxItems).length ? doc : { ...doc, processedInboxItems: Object.fromEntries(kept) };
};
