import { BlobDocument } from '../../../domain/messaging/blob-document';
import { conversationView } from '../../../domain/messaging/conversation-view';
import { ConversationEntry, MessageState } from '../messenger';

const STATE_OF_OUTGOING: Readonly<Record<'pending' | 'sent' | 'failed', MessageState>> = { pending: 'sending', sent: 'sent', failed: 'failed' };

/** Oldest first; each direction in seq order, with "a message may be missing" markers. */
export const conversationEntries = (doc: BlobDocument, address: string): ConversationEntry[] =>
  conversationView(doc, address).map((item): ConversationEntry => {
    if (item.kind === 'gap') return { kind: 'gap', direction: 'in' };
    const { message, status } = item;
    return {
      kind: 'message',
      id: message.id,
      direction: message.direction,
      body: message.body,
      sentAt: message.sentAt,
      state: status === 'received' ? 'received' : STATE_OF_OUTGOING[status],
      undeliverable: status === 'failed' ? (message.undeliverable ?? null) : null,
      edited: false,
      deleted: false,
      replyTo: null,
      reactions: [],
      readByFriend: false,
      expiresIn: null,
      expiresAt: null,
      unsupported: false,
    };
  });
