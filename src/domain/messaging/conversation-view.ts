import { canonicalizeAddress } from './address';
import { BlobDocument } from './blob-document';
import { isLinkShown } from './deleted-chats';
import { friendOf } from './document-updates';
import { FriendLink } from './friendship';
import { deliveryStatus, DeliveryStatus, keyOfMessage, MessageKey, MessageRecord } from './message';
import { isUnread } from './messages';
import { missingSeqRanges } from './seq-ranges';

export type ConversationItem =
  | {
      readonly kind: 'message';
      readonly key: MessageKey;
      readonly message: MessageRecord;
      readonly status: DeliveryStatus;
      readonly unread: boolean;
    }
  /** "A message may be missing": seqs from the friend that never arrived (§4.2). */
  | { readonly kind: 'gap'; readonly handshakeId: string; readonly fromSeq: number; readonly toSeq: number };

interface Positioned {
  readonly item: ConversationItem;
  /** Where the item falls in time when the streams are interleaved. */
  readonly at: number;
}

const bySeq = (a: MessageRecord, b: MessageRecord): number => a.seq - b.seq;

const outgoingStream = (doc: BlobDocument, messages: MessageRecord[]): Positioned[] =>
  messages.sort(bySeq).map((message) => ({ item: messageItem(doc, message), at: message.sentAt }));

const messageItem = (doc: BlobDocument, message: MessageRecord): ConversationItem => ({
  kind: 'message',
  key: keyOfMessage(message),
  message,
  status: deliveryStatus(message),
  unread: isUnread(doc, message),
});

/** Incoming messages by seq, each gap placed just before the first message after it. */
const incomingStream = (doc: BlobDocument, link: FriendLink, messages: MessageRecord[]): Positioned[] => {
  const sorted = messages.sort(bySeq);
  const gaps = missingSeqRanges(link.receivedSeqs);
  const stream: Positioned[] = [];
  let gapIndex = 0;
  for (const message of sorted) {
    while (gapIndex < gaps.length && (gaps[gapIndex]?.[1] ?? 0) < message.seq) {
      const [fromSeq, toSeq] = gaps[gapIndex++] ?? [0, 0];
      stream.push({ item: { kind: 'gap', handshakeId: link.handshakeId, fromSeq, toSeq }, at: message.sentAt });
    }
    stream.push({ item: messageItem(doc, message), at: message.sentAt });
  }
  for (const [fromSeq, toSeq] of gaps.slice(gapIndex)) {
    stream.push({ item: { kind: 'gap', handshakeId: link.handshakeId, fromSeq, toSeq }, at: Number.POSITIVE_INFINITY });
  }
  return stream;
};

/**
 * Merges streams that are each already in order: repeatedly takes the earliest head, so every
 * direction keeps its seq order while the two directions interleave by sentAt.
 */
const interleave = (streams: Positioned[][]): ConversationItem[] => {
  const positions = streams.map(() => 0);
  const result: ConversationItem[] = [];
  for (;;) {
    let best = -1;
    streams.forEach((stream, index) => {
      const head = stream[positions[index] ?? 0];
      const bestHead = best >= 0 ? streams[best]?.[positions[best] ?? 0] : undefined;
      if (head && (!bestHead || head.at < bestHead.at)) best = index;
    });
    const chosen = streams[best]?.[positions[best] ?? 0];
    if (!chosen) return result;
    result.push(chosen.item);
    positions[best] = (positions[best] ?? 0) + 1;
  }
};

/** The conversation with one address across all its links but those whose chat was deleted, oldest first, with gap markers. */
export const conversationView = (doc: BlobDocument, address: string): ConversationItem[] => {
  const canonical = canonicalizeAddress(address);
  const friend = canonical.ok ? friendOf(doc, canonical.value) : undefined;
  if (!friend) return [];
  const messages = Object.values(doc.messages).filter((message) => message.friend === friend.address);
  const links = Object.values(friend.links)
    .filter((link) => isLinkShown(friend, link.handshakeId))
    .sort((a, b) => a.startedAt - b.startedAt || (a.handshakeId < b.handshakeId ? -1 : 1));
  const streams = links.flatMap((link) => {
    const ofLink = messages.filter((message) => message.handshakeId === link.handshakeId);
    return [
      incomingStream(doc, link, ofLink.filter((message) => message.direction === 'in')),
      outgoingStream(doc, ofLink.filter((message) => message.direction === 'out')),
    ];
  });
  return interleave(streams);
};
