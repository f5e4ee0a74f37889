import { BlobDocument } from '../../../domain/messaging/blob-document';
import { getOwn } from '../../../domain/messaging/own-record';
import { kindOfRecord } from '../../../domain/messaging/record-kind';
import { MAX_CLAIMS_PER_WRITE } from '../../../domain/messaging/own-chunks';
import { type ObjectChangesBody } from '../../../domain/protocol/wire';
import { isObjectId } from '../../../domain/protocol/object-id';

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

/**
 * The chunk ids a friend's message names (`files[].chunks`), read loosely: the message was refused,
 * so its fields failed the strict parse, yet its dropped chunks should not wait 30 days on our
 * server counting against the friend's quota (§9.2: the ack deletes them).
 */
export const namedChunkIds = (plaintext: string): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch (error) {
    if (error instanceof SyntaxError) return [];
    throw error;
  }
  const files: unknown = typeof parsed === 'object' && parsed !== null ? (parsed as { files?: unknown }).files : undefined;
  if (!Array.isArray(files)) return [];
  return files.flatMap((file: unknown) => {
    const chunks: unknown = typeof file === 'object' && file !== null ? (file as { chunks?: unknown }).chunks : undefined;
    return Array.isArray(chunks) ? chunks.filter(isObjectId) : [];
  });
};

/** The refused messages' chunks that no message in `doc` names: an accepted message's chunks left dropped past the claim cap stay. */
export const chunksToDiscard = (doc: BlobDocument, refused: readonly string[]): string[] => {
  if (refused.length === 0) return [];
  const kept = new Set<string>();
  for (const record of Object.values(doc.messages)) {
    const kind = kindOfRecord(record);
    if (kind.type === 'message') for (const file of kind.files ?? []) for (const id of file.chunks) kept.add(id);
  }
  return [...new Set(refused)].filter((id) => !kept.has(id));
};
