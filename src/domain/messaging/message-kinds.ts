import { FileDescription, parseFileDescriptions } from './file-description';
import { isValidSeq } from './seq-ranges';

/*
 * PROTOCOL §11: what a message under a friendship key can be besides text. Parsed strictly from what a
 * friend sent (every field bounded); an unknown type is kept as "unsupported" rather than dropped, so a
 * newer client's messages still show that something arrived.
 */

export type MessageKind =
  | {
      readonly type: 'message';
      readonly body: string;
      readonly replyTo?: string;
      /** Seconds after first display that the message disappears (§11). */
      readonly expiresIn?: number;
      readonly files?: readonly FileDescription[];
    }
  | { readonly type: 'edit'; readonly target: string; readonly body: string }
  /**
   * `targetSeq` (not in §11's table, docs/protocol-decisions.md): the target's seq, sent with the take-back of a
   * message whose drop may or may not have got through, so the recipient shows no gap for it should it never arrive.
   */
  | { readonly type: 'delete'; readonly target: string; readonly targetSeq?: number }
  /** `emoji` "" takes the sender's reaction back. */
  | { readonly type: 'reaction'; readonly target: string; readonly emoji: string }
  | { readonly type: 'receipt'; readonly read: readonly string[] }
  /**
   * Not in §11's table (docs/protocol-decisions.md): the chat's disappearing timer, set by either side
   * and shown to both; `expiresIn` null turns it off. Older clients show it as an unsupported message.
   */
  | { readonly type: 'timer'; readonly expiresIn: number | null }
  | { readonly type: 'unsupported'; readonly originalType: string };

export interface MessageKindLimits {
  /** Longest body, in UTF-16 code units. */
  readonly maxBodyLength: number;
  /** Largest file a description may announce (the server's `fileBytes`). */
  readonly maxFileBytes: number;
}

/** The disappearing-message timer's range: at least 5 seconds, at most 4 weeks. */
export const MIN_EXPIRES_IN_SECONDS = 5;
export const MAX_EXPIRES_IN_SECONDS = 28 * 24 * 3600;
/** A message id as the client makes them (a uuid), or any short id a peer's client chose. */
const MAX_ID_LENGTH = 64;
const MAX_RECEIPT_IDS = 256;
const MAX_TYPE_LENGTH = 64;
const MAX_EMOJI_LENGTH = 32;

// One RGI emoji: a single emoji, a keycap, a flag, a skin-tone or ZWJ sequence; built at run time
// because the `v` flag is newer than the compile target, though every supported runtime has it.
const SINGLE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

export const isSingleEmoji = (value: string): boolean => value.length <= MAX_EMOJI_LENGTH && SINGLE_EMOJI.test(value);

type Fields = Readonly<Record<string, unknown>>;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
const isBody = (value: unknown, limits: MessageKindLimits): value is string => typeof value === 'string' && value.length <= limits.maxBodyLength;
export const isExpiresIn = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= MIN_EXPIRES_IN_SECONDS && (value as number) <= MAX_EXPIRES_IN_SECONDS;

const parseText = (fields: Fields, limits: MessageKindLimits): MessageKind | null => {
  const { body, replyTo, expiresIn, files } = fields;
  if (!isBody(body, limits)) return null;
  if (replyTo !== undefined && !isId(replyTo)) return null;
  if (expiresIn !== undefined && !isExpiresIn(expiresIn)) return null;
  const parsedFiles = files === undefined ? undefined : parseFileDescriptions(files, limits.maxFileBytes);
  if (parsedFiles === null) return null;
  return {
    type: 'message',
    body,
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(expiresIn === undefined ? {} : { expiresIn }),
    ...(parsedFiles === undefined ? {} : { files: parsedFiles }),
  };
};

/**
 * The kind of a friend's message from its decrypted fields (`id`, `seq`, `sentAt` are the caller's);
 * null when a known type is malformed — such a message is shown nowhere.
 */
export const parseMessageKind = (fields: Fields, limits: MessageKindLimits): MessageKind | null => {
  const { type, target } = fields;
  switch (type) {
    case 'message':
      return parseText(fields, limits);
    case 'edit':
      return isId(target) && isBody(fields.body, limits) ? { type, target, body: fields.body } : null;
    case 'delete': {
      const { targetSeq } = fields;
      if (!isId(target) || (targetSeq !== undefined && !isValidSeq(targetSeq))) return null;
      return { type, target, ...(targetSeq === undefined ? {} : { targetSeq }) };
    }
    case 'reaction': {
      const { emoji } = fields;
      return isId(target) && typeof emoji === 'string' && (emoji === '' || isSingleEmoji(emoji)) ? { type, target, emoji } : null;
    }
    case 'receipt': {
      const { read } = fields;
      return Array.isArray(read) && read.length <= MAX_RECEIPT_IDS && read.every(isId) ? { type, read: [...(read as string[])] } : null;
    }
    case 'timer': {
      const { expiresIn } = fields;
      if (expiresIn === undefined || expiresIn === null) return { type, expiresIn: null };
      return isExpiresIn(expiresIn) ? { type, expiresIn } : null;
    }
    default:
      return typeof type === 'string' && type.length > 0 && type.length <= MAX_TYPE_LENGTH ? { type: 'unsupported', originalType: type } : null;
  }
};
