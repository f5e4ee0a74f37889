import type { Filter, UpdateFilter } from 'mongodb';
import { Usage } from '../../../domain/home-server/inbox-quota';
import { BlobDocument, InboxCounterDocument } from './schema';

/**
 * The filters that make single-document writes conditional. Each write either matches (and the
 * condition held at the moment of the write) or matches nothing; callers read `matchedCount` or a
 * null result, never a value read earlier.
 */

export interface ConditionalUpdate<T> {
  readonly filter: Filter<T>;
  readonly update: UpdateFilter<T>;
}

/** Compare-and-set on the blob head: only the holder of `expectedVersion` moves it to the next one. */
export const blobCompareAndSet = (input: {
  readonly name: string;
  readonly expectedVersion: number;
  readonly byteLength: number;
  readonly chunkCount: number;
  readonly now: number;
}): ConditionalUpdate<BlobDocument> => ({
  filter: { _id: input.name, version: input.expectedVersion },
  update: {
    $set: { updatedAt: input.now, byteLength: input.byteLength, chunkCount: input.chunkCount },
    $inc: { version: 1 },
  },
});

/**
 * Takes the next seq and books the domain's admission (`change`: the arrival less what it evicted)
 * in the owner's counter, but only if the counter is still the one the decision read (`seenSeq`):
 * the decision in inbox-quota.ts then holds for exactly the totals it was made on.
 */
export const inboxSlotTaken = (input: {
  readonly owner: string;
  readonly seenSeq: number;
  readonly change: Usage;
}): ConditionalUpdate<InboxCounterDocument> => ({
  filter: { _id: input.owner, seq: input.seenSeq },
  update: { $inc: { seq: 1, items: input.change.items, bytes: input.change.bytes } },
});

/** Gives back what acknowledged (deleted) items held. */
export const inboxRelease = (input: {
  readonly owner: string;
  readonly items: number;
  readonly bytes: number;
}): ConditionalUpdate<InboxCounterDocument> => ({
  filter: { _id: input.owner },
  update: { $inc: { items: -input.items, bytes: -input.bytes } },
});

/** Books dropped objects in (positive) or out (negative: claimed, discarded, purged) of the owner's counter. */
export const droppedCounted = (input: {
  readonly owner: string;
  readonly objects: number;
  readonly bytes: number;
}): ConditionalUpdate<InboxCounterDocument> => ({
  filter: { _id: input.owner },
  update: { $inc: { droppedObjects: input.objects, droppedBytes: input.bytes } },
});

export const EMPTY_INBOX_COUNTER: Omit<InboxCounterDocument, '_id'> = { seq: 0, items: 0, bytes: 0 };
