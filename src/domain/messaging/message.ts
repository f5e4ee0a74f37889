import { RecordKind } from './record-kind';

/** One message under a friendship key, stored in the blob (PROTOCOL §4.2, §11). */
export interface MessageRecord {
  /** The sender's uuid for the message. */
  readonly id: string;
  /** The friend's canonical address. */
  readonly friend: string;
  /** The link (handshake) whose key the message travels under. */
  readonly handshakeId: string;
  readonly direction: 'in' | 'out';
  readonly seq: number;
  /** The sender's clock: used to interleave the two directions, never to order one. */
  readonly sentAt: number;
  /** The text of a message or an edit; empty for the other kinds. */
  readonly body: string;
  /** What the record is (§11); absent for a plain text message. */
  readonly kind?: RecordKind;
  /** Incoming: when one of our devices first accepted it. */
  readonly receivedAt: number | null;
  /** Outgoing: when a drop first succeeded. */
  readonly deliveredAt: number | null;
  /** Outgoing: failed drop attempts so far. */
  readonly failedAttempts: number;
  /** Outgoing: set when the friend's server refused it in a way retrying cannot heal. */
  readonly undeliverable?: UndeliverableReason;
  /** Incoming with `expiresIn`: when one of our devices first displayed it; its countdown starts then (§11). */
  readonly displayedAt?: number;
  /** Edited (§11): the author's seq of the edit whose text `body` now holds; the previous text is gone. */
  readonly editSeq?: number;
  /**
   * A delete: the deleted message's sentAt, once it was here (only then is a "deleted" mark shown).
   * An edit of a sealed message: its target's sentAt, once the target's pages hold its text.
   */
  readonly targetSentAt?: number;
}

/**
 * Why a message will never go out as it is: `too-large` (the friend's server refuses its size),
 * `refused` (our drop token for them was revoked: they removed us), `gone` (their account no
 * longer exists).
 */
export type UndeliverableReason = 'too-large' | 'refused' | 'gone';

export const UNDELIVERABLE_REASONS: readonly UndeliverableReason[] = ['too-large', 'refused', 'gone'];

/**
 * Messages are keyed by direction, friend and id together: ids come from peers, and a friend
 * who reuses one of our ids (or another friend's) must not overwrite or suppress that message.
 */
export type MessageKey = string;

export const messageKey = (direction: MessageRecord['direction'], friend: string, id: string): MessageKey =>
  `${direction}:${friend}:${id}`;

export const keyOfMessage = (message: MessageRecord): MessageKey =>
  messageKey(message.direction, message.friend, message.id);

export type DeliveryStatus = 'received' | 'pending' | 'sent' | 'failed';

export const deliveryStatus = (message: MessageRecord): DeliveryStatus => {
  if (message.direction === 'in') return 'received';
  if (message.deliveredAt !== null) return 'sent';
  return message.failedAttempts > 0 || message.undeliverable !== undefined ? 'failed' : 'pending';
};

export const MAX_MESSAGE_ID_LENGTH = 128;

export const isValidMessageId = (id: unknown): id is string =>
  typeof id === 'string' && id.length >= 1 && id.length <= MAX_MESSAGE_ID_LENGTH;
