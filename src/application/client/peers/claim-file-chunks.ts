import { BlobDocument } from '../../../domain/messaging/blob-document';
import { getOwn } from '../../../domain/messaging/own-record';
import { kindOfRecord } from '../../../domain/messaging/record-kind';
import { MAX_OBJECT_IDS, type ObjectChangesBody } from '../../../domain/protocol/wire';

/** Room for a few page and index commits beside the claims in one head write. */
const MAX_CLAIMS_PER_WRITE = MAX_OBJECT_IDS - 8;

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
  // One write names at most 1000 ids (§8.2), page commits included: chunks past the cap stay dropped and their files show as broken, rather than every sync failing.
  return claim.length === 0 ? undefined : { claim: claim.slice(0, MAX_CLAIMS_PER_WRITE) };
};
