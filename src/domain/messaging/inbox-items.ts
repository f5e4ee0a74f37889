import { BlobDocument } from './blob-document';
import { hasOwn } from './own-record';

/**
 * How long processed inbox item ids are kept. An item is acknowledged right after the blob write
 * that recorded it, so an id this old cannot come back from the server.
 */
export const PROCESSED_ITEM_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export const isInboxItemProcessed = (doc: BlobDocument, itemId: string): boolean => hasOwn(doc.processedInboxItems, itemId);

export const recordProcessedInboxItems = (doc: BlobDocument, itemIds: readonly string[], now: number): BlobDocument => {
  const fresh = itemIds.filter((id) => !hasOwn(doc.processedInboxItems, id));
  if (fresh.length === 0) return doc;
  return {
    ...doc,
    processedInboxItems: Object.fromEntries([...Object.entries(doc.processedInboxItems), ...fresh.map((id) => [id, now] as const)]),
  };
};

export const pruneProcessedInboxItems = (
  doc: BlobDocument,
  input: { readonly now: number; readonly retentionMs?: number },
): BlobDocument => {
  const cutoff = input.now - (input.retentionMs ?? PROCESSED_ITEM_RETENTION_MS);
  return {
    ...doc,
    processedInboxItems: Object.fromEntries(Object.entries(doc.processedInboxItems).filter(([, at]) => at > cutoff)),
  };
};
