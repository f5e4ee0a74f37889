import { isMessageRecord } from '../blob-codec';
import { keyOfMessage, MessageRecord } from '../message';

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Exactly these members (optional ones may be absent): a format 2 reader refuses what it does not understand rather than drop it on the next write. */
export const hasOnlyMembers = (value: JsonObject, required: readonly string[], optional: readonly string[] = []): boolean =>
  required.every((name) => Object.prototype.hasOwnProperty.call(value, name)) &&
  Object.keys(value).every((name) => required.includes(name) || optional.includes(name));

/** True only when `Listed` names every member of `T`: a member added to a record fails the build until its parser knows it. */
export type ListsEvery<T, Listed> = [Exclude<keyof T, Listed>] extends [never] ? true : false;

const MESSAGE_MEMBERS = ['id', 'friend', 'handshakeId', 'direction', 'seq', 'sentAt', 'body', 'receivedAt', 'deliveredAt', 'failedAttempts'] as const;
const MESSAGE_OPTIONAL_MEMBERS = ['undeliverable', 'kind', 'displayedAt', 'editSeq', 'targetSentAt'] as const;
export const MESSAGE_MEMBERS_LISTED: ListsEvery<MessageRecord, (typeof MESSAGE_MEMBERS)[number] | (typeof MESSAGE_OPTIONAL_MEMBERS)[number]> = true;

/** A message record as format 2 stores it (tail and pages): v1's record, and nothing else. */
export const isStrictMessage = (value: unknown): value is MessageRecord =>
  isJsonObject(value) && hasOnlyMembers(value, MESSAGE_MEMBERS, MESSAGE_OPTIONAL_MEMBERS) && isMessageRecord(value);

/** A record of messages keyed by their own MessageKey (the tail). */
export const isMessageRecordByKey = (value: unknown): boolean =>
  isJsonObject(value) && Object.entries(value).every(([key, message]) => isStrictMessage(message) && keyOfMessage(message) === key);

export const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false };
    throw error;
  }
};
