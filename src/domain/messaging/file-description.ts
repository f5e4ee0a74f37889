import { isCanonicalB64u } from '../protocol/encoding/b64u';
import { isObjectId } from '../protocol/object-id';

/*
 * A file inside a message (PROTOCOL §9.1): everything needed to fetch, decrypt and check it. It comes
 * from a friend, so every field is bounded and nothing in it is trusted for display or rendering:
 * the name is shown as text without any path, and the type is only a hint (pictures are decoded only
 * when their bytes really are one).
 */

export interface FileDescription {
  readonly name: string;
  /** The sender's claim; never used to decide how to render. */
  readonly type: string;
  readonly size: number;
  /** b64u SHA-256 of the whole plaintext. */
  readonly sha256: string;
  /** b64u of the 32-byte file key. */
  readonly key: string;
  readonly chunkBytes: number;
  /** Object ids in order, on the reader's own server once claimed. */
  readonly chunks: readonly string[];
  /** `data:image/jpeg;base64,…` of at most 16 KiB. */
  readonly thumbnail?: string;
  /**
   * Only in the sender's own record, whose `chunks` name its own copy (§9.2): the ids the
   * recipient's server gave the chunks, which the message (and every resend of it) carries instead.
   */
  readonly sentChunks?: readonly string[];
}

/** The description as the message carries it to the recipient: their ids in `chunks`. */
export const sentFileDescription = ({ sentChunks, ...file }: FileDescription): FileDescription =>
  sentChunks === undefined ? file : { ...file, chunks: sentChunks };

export const FILE_CHUNK_BYTES = 1_048_576;
export const MAX_FILES_PER_MESSAGE = 32;
export const MAX_THUMBNAIL_LENGTH = 16 * 1024;
const MAX_NAME_LENGTH = 255;
const MAX_TYPE_LENGTH = 127;
const SHA256_BYTES = 32;
const FILE_KEY_BYTES = 32;
const JPEG_DATA_URL = /^data:image\/jpeg;base64,[A-Za-z0-9+/]+={0,2}$/;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** Chunks of a file of `size` bytes: at least one, since even an empty file has a (padded) last chunk. */
export const fileChunkCount = (size: number): number => Math.max(1, Math.ceil(size / FILE_CHUNK_BYTES));

const parseOne = (value: unknown, maxFileBytes: number): FileDescription | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { name, type, size, sha256, key, chunkBytes, chunks, thumbnail } = value as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) return null;
  if (typeof type !== 'string' || type.length > MAX_TYPE_LENGTH || (type !== '' && !MIME_TYPE.test(type))) return null;
  if (!Number.isSafeInteger(size) || (size as number) < 0 || (size as number) > maxFileBytes) return null;
  if (typeof sha256 !== 'string' || !isCanonicalB64u(sha256, SHA256_BYTES)) return null;
  if (typeof key !== 'string' || !isCanonicalB64u(key, FILE_KEY_BYTES)) return null;
  if (chunkBytes !== FILE_CHUNK_BYTES) return null;
  if (!Array.isArray(chunks) || chunks.length !== fileChunkCount(size as number)) return null;
  if (!chunks.every(isObjectId) || new Set(chunks).size !== chunks.length) return null;
  if (thumbnail !== undefined && (typeof thumbnail !== 'string' || thumbnail.length > MAX_THUMBNAIL_LENGTH || !JPEG_DATA_URL.test(thumbnail))) return null;
  return {
    name,
    type,
    size: size as number,
    sha256,
    key,
    chunkBytes,
    chunks: [...(chunks as string[])],
    ...(thumbnail === undefined ? {} : { thumbnail }),
  };
};

/** The `files` member of a message, or null when any description is malformed (the whole message is refused). */
export const parseFileDescriptions = (value: unknown, maxFileBytes: number): readonly FileDescription[] | null => {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_FILES_PER_MESSAGE) return null;
  const parsed = value.map((entry) => parseOne(entry, maxFileBytes));
  return parsed.every((entry): entry is FileDescription => entry !== null) ? parsed : null;
};

// Controls, and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The name to show and to save under: the last path segment, without controls or direction overrides. */
export const displayFileName = (name: string): string => {
  const lastSegment = name.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment.replace(UNSAFE_NAME_CHARACTERS, '').trim().replace(/^\.+/, '');
  return cleaned === '' ? 'file' : cleaned;
};

/** A message's preview in the contact list when it carries files and no text: "📎 report.pdf, photo.jpg". */
export const filesPreview = (names: readonly string[]): string => `📎 ${names.map(displayFileName).join(', ')}`;

/** What names a message in a preview or a quote: its text, or its files' names when it has files and no text. */
export const bodyOrFilesPreview = (body: string, files: readonly { readonly name: string }[]): string =>
  body === '' && files.length > 0 ? filesPreview(files.map((file) => file.name)) : body;
