import { BlobDocument } from './blob-document';
import { friendOf } from './document-updates';
import { sendingLink } from './friendship';
import { keyOfMessage, MessageKey, MessageRecord } from './message';
import { composeOutgoingMessage, deleteMessage } from './messages';

/** Undelivered because the friend's server refuses anything from us (they removed us, or their account is gone). */
const reachesNoOne = (message: MessageRecord): boolean => message.undeliverable === 'refused' || message.undeliverable === 'gone';

/**
 * Deletes our own undelivered message: the tombstone and a `delete` of it (§11), to send like any message, in one
 * write. A drop of it may have got through unseen (under way, its answer lost, or its outcome not written down), and
 * its seq was used either way: so the friend is told, whether or not this device lives to see how any drop went.
 * Tombstoned first, the delete never learns its target's time: our own chat shows nothing of either. It names the
 * target's seq when both go under the same link, so a friend no drop reached shows no gap for it. `deleteKey` is
 * null when nothing can go to the friend any more (blocked, the friendship ended, their server refuses us): the
 * tombstone alone. `message` may be in the tail or, refused for good, in a page.
 */
export const withdrawMessage = (
  doc: BlobDocument,
  message: MessageRecord,
  input: { readonly id: string; readonly now: number },
): { readonly doc: BlobDocument; readonly deleteKey: MessageKey | null } => {
  const deleted = deleteMessage(doc, keyOfMessage(message), input.now);
  if (reachesNoOne(message)) return { doc: deleted, deleteKey: null };
  const friend = friendOf(deleted, message.friend);
  const sameLink = friend !== undefined && sendingLink(friend)?.handshakeId === message.handshakeId;
  const composed = composeOutgoingMessage(deleted, {
    to: message.friend,
    id: input.id,
    body: '',
    now: input.now,
    kind: { type: 'delete', target: message.id, ...(sameLink ? { targetSeq: message.seq } : {}) },
  });
  return composed.ok ? { doc: composed.value.doc, deleteKey: composed.value.key } : { doc: deleted, deleteKey: null };
};
