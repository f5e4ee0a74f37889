import { isObjectId } from '../../protocol/object-id';
import { isCanonicalB64u } from '../../protocol/encoding/b64u';
import { err, ok, Result } from '../../protocol/result';
import { isBlobDocument, parseBlobDocument } from '../blob-codec';
import { BLOB_FORMAT, BlobDocument } from '../blob-document';
import { parseForkLog } from '../fork-log';
import { isIndexRef, isPageRef, isTime } from './ref-checks';
import { STORE_FORMAT, StoreHead } from './store-head';
import { hasOnlyMembers, isJsonObject, isMessageRecordByKey, JsonObject, ListsEvery, parseJson } from './strict-json';

export const STORE_KEY_BYTES = 32;

export const serializeStoreHead = (head: StoreHead): string => JSON.stringify(head);

/** What a v2 client finds at `GET /blob` (§8.6): a v1 blob to upgrade, a head, or a head it must not write. */
export type StoredHead = { readonly format: typeof BLOB_FORMAT; readonly doc: BlobDocument } | { readonly format: typeof STORE_FORMAT; readonly head: StoreHead };

export type HeadParseFailure =
  /** Not a head this client can read. */
  | 'store/malformed'
  /** Written by a newer client: never overwrite it, tell the user to reload or update the app (§8.6). */
  | 'store/newer-format';

const HEAD_MEMBERS = [
  'format',
  'version',
  'identity',
  'clock',
  'settings',
  'knownServers',
  'friends',
  'deletedMessages',
  'processedInboxItems',
  'storeKey',
  'tail',
  'pages',
  'indexes',
  'releasedPages',
  'log',
] as const;
export const HEAD_MEMBERS_LISTED: ListsEvery<StoreHead, (typeof HEAD_MEMBERS)[number]> = true;

const hasOwn = (record: unknown, key: string): boolean => isJsonObject(record) && Object.prototype.hasOwnProperty.call(record, key);

const isKeyedBy = (value: unknown, isEntry: (key: string, entry: unknown) => boolean): boolean =>
  isJsonObject(value) && Object.entries(value).every(([key, entry]) => isEntry(key, entry));

/** The v1 part, checked by v1's own rules (which allow extra members inside friends and settings). */
const v1Part = (value: JsonObject): JsonObject => ({
  format: BLOB_FORMAT,
  version: value.version,
  identity: value.identity,
  clock: value.clock,
  settings: value.settings,
  knownServers: value.knownServers,
  friends: value.friends,
  messages: {},
  deletedMessages: value.deletedMessages,
  processedInboxItems: value.processedInboxItems,
});

const isStoreHead = (value: JsonObject): value is JsonObject & StoreHead =>
  hasOnlyMembers(value, HEAD_MEMBERS) &&
  value.format === STORE_FORMAT &&
  isBlobDocument(v1Part(value)) &&
  typeof value.storeKey === 'string' &&
  isCanonicalB64u(value.storeKey, STORE_KEY_BYTES) &&
  isMessageRecordByKey(value.tail) &&
  isKeyedBy(value.pages, (id, ref) => isPageRef(ref) && ref.id === id) &&
  isKeyedBy(value.indexes, (id, ref) => isIndexRef(ref) && ref.id === id && !hasOwn(value.pages, id)) &&
  isKeyedBy(value.releasedPages, (id, at) => isObjectId(id) && isTime(at) && !hasOwn(value.pages, id) && !hasOwn(value.indexes, id)) &&
  parseForkLog(value.log) !== null;

const isNewerFormat = (value: JsonObject): boolean => Number.isSafeInteger(value.format) && (value.format as number) > STORE_FORMAT;

/** The decrypted head plaintext. Strict: a member it does not know makes the head malformed, so no write drops it. */
export const parseStoredHead = (text: string): Result<StoredHead, HeadParseFailure> => {
  const parsed = parseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) return err('store/malformed');
  const value = parsed.value;
  if (isNewerFormat(value)) return err('store/newer-format');
  if (value.format === BLOB_FORMAT) {
    const doc = parseBlobDocument(text);
    return doc.ok ? ok({ format: BLOB_FORMAT, doc: doc.value }) : err('store/malformed');
  }
  return isStoreHead(value) ? ok({ format: STORE_FORMAT, head: value }) : err('store/malformed');
};
