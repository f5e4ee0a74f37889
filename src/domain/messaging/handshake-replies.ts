import { BlobDocument } from './blob-document';
import { putLink, resolveLink } from './document-updates';
import { MessagingError } from './messaging-errors';
import { err, ok, Result } from '../protocol/result';

/** A closing handshake message still to be dropped at the friend's server. */
export type HandshakeReply =
  | {
      /** Bob's side: resend exactly the stored envelope, so no second K is ever made (§4.1 step 5). */
      readonly kind: 'acceptance';
      readonly address: string;
      readonly handshakeId: string;
      readonly theirDropToken: string;
      readonly acceptanceEnvelope: string;
    }
  | {
      /** Alice's side: `{"type":"friend-confirm"}` under K (§4.1 step 6). */
      readonly kind: 'confirm';
      readonly address: string;
      readonly handshakeId: string;
      readonly theirDropToken: string;
      readonly friendshipKey: string;
      readonly ourAddress: string;
    };

export const undeliveredHandshakeReplies = (doc: BlobDocument): HandshakeReply[] =>
  Object.values(doc.friends).flatMap((friend) =>
    Object.values(friend.links).flatMap((link): HandshakeReply[] => {
      if (link.replyDeliveredAt !== null) return [];
      const { state } = link;
      if (state.kind === 'awaiting-confirmation') {
        return [{ kind: 'acceptance', address: friend.address, handshakeId: link.handshakeId, theirDropToken: state.keys.theirDropToken, acceptanceEnvelope: state.acceptanceEnvelope }];
      }
      if (state.kind === 'established' && link.initiator === 'us') {
        return [{ kind: 'confirm', address: friend.address, handshakeId: link.handshakeId, theirDropToken: state.keys.theirDropToken, friendshipKey: state.keys.friendshipKey, ourAddress: link.ourAddress }];
      }
      return [];
    }),
  );

export const markHandshakeReplyDelivered = (
  doc: BlobDocument,
  input: { readonly address: string; readonly handshakeId: string; readonly at: number },
): Result<BlobDocument, Extract<MessagingError, 'friend/unknown'>> => {
  const found = resolveLink(doc, input.address, input.handshakeId);
  if (!found) return err('friend/unknown');
  if (found.link.replyDeliveredAt !== null) return ok(doc);
  return ok(putLink(doc, found.address, { ...found.link, replyDeliveredAt: input.at }));
};
