import { BlobDocument } from '../../src/domain/messaging/blob-document';
import { Friend, FriendLink } from '../../src/domain/messaging/friendship';
import { PROCESSED_ITEM_RETENTION_MS } from '../../src/domain/messaging/inbox-items';
import { lww } from '../../src/domain/messaging/lww';
import { MessageRecord, messageKey } from '../../src/domain/messaging/message';

/*
 * A blob document with a history of N messages, built in one pass (applying N messages one by
 * one copies the message record each time: quadratic, minutes at 100,000). The shape is what the
 * client writes: established friends, messages in both directions, the processed inbox ids a
 * sync keeps (PROCESSED_ITEM_RETENTION_MS). Checked with parseBlobDocument by the caller.
 */

export interface HistoryFriend {
  /** Canonical address. */
  readonly address: string;
  /** E_A of the handshake, b64u. */
  readonly handshakeId: string;
  readonly identityKey: string;
  /** K, b64u. */
  readonly friendshipKey: string;
  readonly ourDropTokenId: string;
  readonly ourDropToken: string;
  readonly theirDropToken: string;
}

export interface HistoryShape {
  readonly ourAddress: string;
  readonly friends: readonly HistoryFriend[];
  readonly messages: number;
  /** The newest message's time; older ones go back in steps of `spacingMs`. */
  readonly now: number;
  readonly spacingMs: number;
}

/** Ten minutes between messages: 100,000 messages span about two years. */
export const DEFAULT_SPACING_MS = 10 * 60 * 1000;

const WORDS = ['see', 'you', 'at', 'the', 'station', 'tomorrow', 'thanks', 'for', 'dinner', 'sounds', 'good', 'running', 'late', 'call', 'me', 'when', 'free', 'photos', 'from', 'trip', 'ok', 'great', 'idea', 'later'];

/** 40 to 140 characters of words, deterministic per index. */
const bodyOf = (index: number): string => {
  let seed = (index * 2654435761) >>> 0;
  const target = 40 + (seed % 100);
  const words: string[] = [];
  let length = 0;
  while (length < target) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const word = WORDS[seed % WORDS.length] as string;
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
};

/** A uuid-shaped id, unique per index. */
export const historyMessageId = (index: number): string =>
  `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

export const withHistory = (base: BlobDocument, shape: HistoryShape): BlobDocument => {
  const friendCount = shape.friends.length;
  const inbound = new Array<number>(friendCount).fill(0);
  const outbound = new Array<number>(friendCount).fill(0);
  const messages: Record<string, MessageRecord> = {};
  const processed: Record<string, number> = {};
  const retentionStart = shape.now - PROCESSED_ITEM_RETENTION_MS;
  for (let index = 0; index < shape.messages; index++) {
    const friendIndex = index % friendCount;
    const friend = shape.friends[friendIndex] as HistoryFriend;
    const direction = Math.floor(index / friendCount) % 2 === 0 ? 'in' : 'out';
    const seq = direction === 'in' ? ++inbound[friendIndex]! : ++outbound[friendIndex]!;
    const sentAt = shape.now - (shape.messages - index) * shape.spacingMs;
    const id = historyMessageId(index);
    const record: MessageRecord = {
      id,
      friend: friend.address,
      handshakeId: friend.handshakeId,
      direction,
      seq,
      sentAt,
      body: bodyOf(index),
      receivedAt: direction === 'in' ? sentAt + 1500 : null,
      deliveredAt: direction === 'out' ? sentAt + 300 : null,
      failedAttempts: 0,
    };
    messages[messageKey(direction, friend.address, id)] = record;
    if (direction === 'in' && sentAt >= retentionStart) processed[`item-${index.toString(36)}`] = sentAt + 1500;
  }

  const friends: Record<string, Friend> = { ...base.friends };
  shape.friends.forEach((friend, friendIndex) => {
    const since = { at: shape.now - (shape.messages + 10) * shape.spacingMs, device: 'bench-device' };
    const received = inbound[friendIndex] as number;
    const link: FriendLink = {
      handshakeId: friend.handshakeId,
      initiator: friendIndex % 2 === 0 ? 'us' : 'them',
      ourAddress: shape.ourAddress,
      identityKey: friend.identityKey,
      startedAt: since.at,
      state: {
        kind: 'established',
        since,
        keys: {
          friendshipKey: friend.friendshipKey,
          ourDropTokenId: friend.ourDropTokenId,
          ourDropToken: friend.ourDropToken,
          theirDropToken: friend.theirDropToken,
          activatedAt: since.at,
        },
      },
      verification: 'verified',
      nextSendSeq: (outbound[friendIndex] as number) + 1,
      receivedSeqs: received > 0 ? [[1, received]] : [],
      readUpTo: received,
      replyDeliveredAt: since.at,
    };
    friends[friend.address] = {
      address: friend.address,
      links: { [friend.handshakeId]: link },
      blocked: lww(false, { at: 0, device: '' }),
      identityAlerts: {},
    };
  });

  return {
    ...base,
    clock: Math.max(base.clock, shape.now),
    friends,
    messages: { ...base.messages, ...messages },
    processedInboxItems: { ...base.processedInboxItems, ...processed },
  };
};

/** The seq the friend's next message to us takes. */
export const nextInboundSeq = (doc: BlobDocument, friend: HistoryFriend): number => {
  const link = doc.friends[friend.address]?.links[friend.handshakeId];
  return (link?.receivedSeqs[link.receivedSeqs.length - 1]?.[1] ?? 0) + 1;
};
