import { MAX_MESSAGE_ID_LENGTH } from '../../domain/messaging/message';

/*
 * The plaintexts peers exchange inside envelopes (PROTOCOL §4.1, §4.2). They come from people we
 * may not trust, so every field is checked before anything else looks at it.
 */

/** Longest note or message body accepted from a peer, in UTF-16 code units. */
export const MAX_PEER_TEXT_LENGTH = 16_384;

export interface FriendRequestPayload {
  readonly type: 'friend-request';
  readonly from: string;
  readonly identityKey: string;
  readonly dropToken: string;
  readonly ephemeralKey: string;
  readonly note: string;
  readonly sentAt: number;
}

export interface FriendAcceptPayload {
  readonly type: 'friend-accept';
  readonly from: string;
  readonly identityKey: string;
  readonly dropToken: string;
  readonly ephemeralKey: string;
  readonly inReplyTo: string;
  readonly confirm: string;
}

export interface ChatMessagePayload {
  readonly type: 'message';
  readonly id: string;
  readonly seq: number;
  readonly sentAt: number;
  readonly body: string;
}

/** What can travel under a friendship key. Unknown types (a newer client's) are ignored. */
export type FriendPayload =
  | ChatMessagePayload
  | { readonly type: 'friend-confirm' }
  | { readonly type: 'friend-remove' }
  | { readonly type: 'other' };

type Fields = Record<string, unknown>;

const parseObject = (text: string): Fields | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Fields) : null;
};

const isText = (value: unknown, maxLength = 1024): value is string =>
  typeof value === 'string' && value.length <= maxLength;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export const parseFriendRequest = (text: string): FriendRequestPayload | null => {
  const fields = parseObject(text);
  if (fields === null || fields.type !== 'friend-request') return null;
  const { from, identityKey, dropToken, ephemeralKey, note, sentAt } = fields;
  if (!isText(from) || !isText(identityKey) || !isText(dropToken) || !isText(ephemeralKey)) return null;
  if (!isText(note, MAX_PEER_TEXT_LENGTH) || !isTime(sentAt)) return null;
  return { type: 'friend-request', from, identityKey, dropToken, ephemeralKey, note, sentAt };
};

export const parseFriendAccept = (text: string): FriendAcceptPayload | null => {
  const fields = parseObject(text);
  if (fields === null || fields.type !== 'friend-accept') return null;
  const { from, identityKey, dropToken, ephemeralKey, inReplyTo, confirm } = fields;
  if (!isText(from) || !isText(identityKey) || !isText(dropToken) || !isText(ephemeralKey)) return null;
  if (!isText(inReplyTo) || !isText(confirm)) return null;
  return { type: 'friend-accept', from, identityKey, dropToken, ephemeralKey, inReplyTo, confirm };
};

export const parseFriendPayload = (text: string): FriendPayload | null => {
  const fields = parseObject(text);
  if (fields === null || typeof fields.type !== 'string') return null;
  switch (fields.type) {
    case 'message': {
      const { id, seq, sentAt, body } = fields;
      if (!isText(id, MAX_MESSAGE_ID_LENGTH) || !Number.isSafeInteger(seq) || !isTime(sentAt) || !isText(body, MAX_PEER_TEXT_LENGTH * 4)) return null;
      return { type: 'message', id, seq: seq as number, sentAt, body };
    }
    case 'friend-confirm':
      return { type: 'friend-confirm' };
    case 'friend-remove':
      return { type: 'friend-remove' };
    default:
      return { type: 'other' };
  }
};
