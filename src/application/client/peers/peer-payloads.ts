import { isCanonicalB64u } from '../../../domain/protocol/encoding/b64u';
import { MAX_MESSAGE_ID_LENGTH } from '../../../domain/messaging/message';
import { MessageKindLimits, parseMessageKind } from '../../../domain/messaging/message-kinds';
import { RecordKind, storedKindOf } from '../../../domain/messaging/record-kind';

/*
 * The plaintexts peers exchange inside envelopes (PROTOCOL §4.1, §4.2). They come from people we
 * may not trust, so every field is checked before anything else looks at it.
 */

/** Longest note or message body accepted from a peer, in UTF-16 code units. */
export const MAX_PEER_TEXT_LENGTH = 16_384;
/** `name@authority`: 32 characters of name, an authority of at most 255 plus a port. */
const MAX_ADDRESS_LENGTH = 300;
/** Drop tokens are ≥ 128 random bits in some token encoding; no server needs more than this. */
const MAX_DROP_TOKEN_LENGTH = 512;
/** A seq beyond this is no conversation between people. */
export const MAX_PEER_SEQ = 2 ** 31;
/**
 * A peer's clock is shown, never trusted for ordering; a claimed time outside this window around
 * our own clock is replaced by the time the item reached our server (queued messages may be old,
 * a skewed clock a little ahead).
 */
export const PEER_TIME_PAST_MS = 400 * 24 * 60 * 60 * 1000;
export const PEER_TIME_FUTURE_MS = 24 * 60 * 60 * 1000;

/** When the item arrived (our server's clock) and our own clock: peer times are bounded by them. */
export interface PeerTimeContext {
  readonly now: number;
  readonly receivedAt: number;
}

export interface FriendRequestPayload {
  readonly type: 'friend-request';
  readonly from: string;
  readonly identityKey: string;
  readonly dropToken: string;
  readonly ephemeralKey: string;
  readonly note: string;
  readonly sentAt: number;
  /** Proof of possession of `identityKey` (protocol/request-proof.ts); absent from older clients. */
  readonly proof?: string;
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

/** A message of any §11 type: the record stored for it (`kind` absent for plain text). */
export interface ChatMessagePayload {
  readonly type: 'message';
  readonly id: string;
  readonly seq: number;
  readonly sentAt: number;
  readonly body: string;
  readonly kind?: RecordKind;
}

/** A file may announce at most this many bytes; the server's own `fileBytes` limit refuses larger chunks anyway. */
const MAX_PEER_FILE_BYTES = 2 ** 40;
const PEER_KIND_LIMITS: MessageKindLimits = { maxBodyLength: MAX_PEER_TEXT_LENGTH * 4, maxFileBytes: MAX_PEER_FILE_BYTES };

/**
 * What can travel under a friendship key. §11 types, and unknown types that carry an id, seq and
 * time (a newer client's messages, shown as unsupported), are messages; anything else is ignored.
 */
export type FriendPayload =
  | ChatMessagePayload
  | { readonly type: 'friend-confirm' }
  | { readonly type: 'friend-remove' }
  | { readonly type: 'other' }
  /** A message whose fields break §11's rules: shown nowhere, but its seq did arrive (no "missing" mark). */
  | { readonly type: 'refused'; readonly seq: number };

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
const KEY_TEXT_BYTES = 32;
/** 32 bytes in b64u without padding: the only spelling of an X25519 key or a MAC. */
const isKeyText = (value: unknown): value is string => typeof value === 'string' && isCanonicalB64u(value, KEY_TEXT_BYTES);
const isTokenText = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_DROP_TOKEN_LENGTH && /^[A-Za-z0-9._~+/-]+=*$/.test(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The peer's claimed time if it lies in the sane window around now, else the item's arrival. */
export const boundedPeerTime = (value: number, context: PeerTimeContext): number =>
  value >= context.now - PEER_TIME_PAST_MS && value <= context.now + PEER_TIME_FUTURE_MS ? Math.floor(value) : context.receivedAt;

export const parseFriendRequest = (text: string, time: PeerTimeContext): FriendRequestPayload | null => {
  const fields = parseObject(text);
  if (fields === null || fields.type !== 'friend-request') return null;
  const { from, identityKey, dropToken, ephemeralKey, note, sentAt, proof } = fields;
  if (!isText(from, MAX_ADDRESS_LENGTH) || !isKeyText(identityKey) || !isTokenText(dropToken) || !isKeyText(ephemeralKey)) return null;
  if (!isText(note, MAX_PEER_TEXT_LENGTH) || !isNumber(sentAt) || (proof !== undefined && !isKeyText(proof))) return null;
  const payload = { type: 'friend-request', from, identityKey, dropToken, ephemeralKey, note, sentAt: boundedPeerTime(sentAt, time) } as const;
  return proof === undefined ? payload : { ...payload, proof };
};

export const parseFriendAccept = (text: string): FriendAcceptPayload | null => {
  const fields = parseObject(text);
  if (fields === null || fields.type !== 'friend-accept') return null;
  const { from, identityKey, dropToken, ephemeralKey, inReplyTo, confirm } = fields;
  if (!isText(from, MAX_ADDRESS_LENGTH) || !isKeyText(identityKey) || !isTokenText(dropToken) || !isKeyText(ephemeralKey)) return null;
  if (!isKeyText(inReplyTo) || !isKeyText(confirm)) return null;
  return { type: 'friend-accept', from, identityKey, dropToken, ephemeralKey, inReplyTo, confirm };
};

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PEER_SEQ;

export const parseFriendPayload = (text: string, time: PeerTimeContext): FriendPayload | null => {
  const fields = parseObject(text);
  if (fields === null || typeof fields.type !== 'string') return null;
  switch (fields.type) {
    case 'friend-confirm':
      return { type: 'friend-confirm' };
    case 'friend-remove':
      return { type: 'friend-remove' };
    default:
      return parseChatMessage(fields, time);
  }
};

const MESSAGE_TYPES: ReadonlySet<unknown> = new Set(['message', 'edit', 'delete', 'reaction', 'receipt', 'timer']);

/** Strict per §11: a known type with a bad field is refused whole (null), never shown in part. */
const parseChatMessage = (fields: Fields, time: PeerTimeContext): FriendPayload | null => {
  const { id, seq, sentAt } = fields;
  if (!isText(id, MAX_MESSAGE_ID_LENGTH) || id === '' || !isSeq(seq) || !isNumber(sentAt)) return MESSAGE_TYPES.has(fields.type) ? null : { type: 'other' };
  const kind = parseMessageKind(fields, PEER_KIND_LIMITS);
  if (kind === null) return { type: 'refused', seq };
  return { type: 'message', id, seq, sentAt: boundedPeerTime(sentAt, time), ...storedKindOf(kind) };
};
