import { err, ok, Result } from '../protocol/result';
import { BLOB_FORMAT, BlobDocument } from './blob-document';
import { VERIFICATION_RANK } from './friendship';
import { MessageRecord, UNDELIVERABLE_REASONS } from './message';
import { parseMessageKind } from './message-kinds';

export const serializeBlobDocument = (doc: BlobDocument): string => JSON.stringify(doc);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStamp = (value: unknown): boolean => isObject(value) && isNumber(value.at) && isString(value.device);
const isLww = (value: unknown): boolean => isObject(value) && isStamp(value.stamp) && 'value' in value;
const recordOf = (value: unknown, isEntry: (entry: unknown) => boolean): boolean =>
  isObject(value) && Object.values(value).every(isEntry);

const isSeqRanges = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every((range) => Array.isArray(range) && range.length === 2 && range.every((seq) => Number.isSafeInteger(seq) && seq >= 1));

const isKeys = (value: unknown): boolean =>
  isObject(value) &&
  isString(value.friendshipKey) &&
  isString(value.ourDropTokenId) &&
  isString(value.ourDropToken) &&
  isString(value.theirDropToken) &&
  isNumber(value.activatedAt);

const hasStateFields = (state: Json): boolean => {
  switch (state.kind) {
    case 'pending-outgoing':
      return isObject(state.request) && isString(state.request.ephemeralPrivateKey) && isString(state.request.dropTokenId) && isNumber(state.request.expiresAt);
    case 'pending-incoming':
      return isObject(state.request) && isString(state.request.dropToken) && isNumber(state.request.receivedAt);
    case 'awaiting-confirmation':
      return isKeys(state.keys) && isString(state.acceptanceEnvelope);
    case 'established':
      return isKeys(state.keys);
    case 'removed':
      return isString(state.reason);
    default:
      return false;
  }
};

const isLinkState = (value: unknown): boolean => isObject(value) && isStamp(value.since) && hasStateFields(value);

const isLink = (value: unknown): boolean =>
  isObject(value) &&
  isString(value.handshakeId) &&
  (value.initiator === 'us' || value.initiator === 'them') &&
  isString(value.ourAddress) &&
  isString(value.identityKey) &&
  isNumber(value.startedAt) &&
  isLinkState(value.state) &&
  isString(value.verification) &&
  Object.prototype.hasOwnProperty.call(VERIFICATION_RANK, value.verification) &&
  isNumber(value.nextSendSeq) &&
  isSeqRanges(value.receivedSeqs) &&
  isNumber(value.readUpTo) &&
  (value.replyDeliveredAt === null || isNumber(value.replyDeliveredAt));

const isFriend = (value: unknown): boolean =>
  isObject(value) &&
  isString(value.address) &&
  recordOf(value.links, isLink) &&
  isLww(value.blocked) &&
  recordOf(value.identityAlerts, isNumber) &&
  (value.safetyNumberVerified === undefined ||
    (isLww(value.safetyNumberVerified) && isObject(value.safetyNumberVerified) && (value.safetyNumberVerified.value === null || isString(value.safetyNumberVerified.value)))) &&
  (value.chatDeletions === undefined || recordOf(value.chatDeletions, isNumber)) &&
  (value.dropTokenRevocations === undefined || recordOf(value.dropTokenRevocations, (at) => at === null || isNumber(at)));

/** Stored records were parsed strictly when they arrived; here only their shape is checked again. */
const STORED_LIMITS = { maxBodyLength: Number.MAX_SAFE_INTEGER, maxFileBytes: Number.MAX_SAFE_INTEGER };

const isRecordKind = (value: unknown, body: unknown): boolean => {
  if (!isObject(value)) return false;
  if (value.type === 'unsupported') return isString(value.originalType);
  return parseMessageKind({ ...value, body }, STORED_LIMITS)?.type === value.type;
};

const isOptionalNumber = (value: unknown): boolean => value === undefined || isNumber(value);

export const isMessageRecord = (value: unknown): value is MessageRecord =>
  isObject(value) &&
  isString(value.id) &&
  isString(value.friend) &&
  isString(value.handshakeId) &&
  (value.direction === 'in' || value.direction === 'out') &&
  isNumber(value.seq) &&
  isNumber(value.sentAt) &&
  isString(value.body) &&
  (value.receivedAt === null || isNumber(value.receivedAt)) &&
  (value.deliveredAt === null || isNumber(value.deliveredAt)) &&
  isNumber(value.failedAttempts) &&
  (value.undeliverable === undefined || UNDELIVERABLE_REASONS.some((reason) => reason === value.undeliverable)) &&
  (value.kind === undefined || isRecordKind(value.kind, value.body)) &&
  isOptionalNumber(value.displayedAt) &&
  isOptionalNumber(value.editSeq) &&
  isOptionalNumber(value.targetSentAt);

/** The v1 document's shape check, exported for the format 2 head, which keeps its collections. */
export const isBlobDocument = (value: unknown): value is BlobDocument =>
  isObject(value) &&
  value.format === BLOB_FORMAT &&
  Number.isSafeInteger(value.version) &&
  isObject(value.identity) &&
  isString(value.identity.publicKey) &&
  isString(value.identity.privateKey) &&
  isNumber(value.clock) &&
  recordOf(value.settings, isLww) &&
  recordOf(value.knownServers, isLww) &&
  recordOf(value.friends, isFriend) &&
  recordOf(value.messages, isMessageRecord) &&
  recordOf(value.deletedMessages, isNumber) &&
  recordOf(value.processedInboxItems, isNumber);

/**
 * The decrypted blob plaintext as a document. The shape is checked even though the blob is
 * authenticated: another client version may have written it.
 */
export const parseBlobDocument = (text: string): Result<BlobDocument, 'blob/malformed'> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return err('blob/malformed');
    throw error;
  }
  return isBlobDocument(parsed) ? ok(parsed) : err('blob/malformed');
};
