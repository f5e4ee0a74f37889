import { BlobDocument } from '../../../domain/messaging/blob-document';
import { getOwn } from '../../../domain/messaging/own-record';
import { kindOfRecord } from '../../../domain/messaging/record-kind';
import type { ObjectChangesBody } from '../../../domain/protocol/wire';

/**
 * The dropped chunks (§9.2) of the friends' messages this change added: the head write that
 * records them claims them, so they move into our store without being uploaded again. A message
 * already in `before` (applied by another device, or earlier) had its chunks claimed then.
 */
export const chunksToClaim = (before: BlobDocument, after: BlobDocument): ObjectChangesBody | undefined => {
  const claim: string[] = [];
  for (const [key, record] of Object.entries(after.messages)) {
    if (record.direction !== 'in' || getOwn(before.messages, key) !== undefined) continue;
    const kind = kindOfRecord(record);
    if (kind.type === 'message') for (const file of kind.files ?? []) claim.push(...file.chunks);
  }
  return claim.length === 0 ? undefined : { claim };
};
