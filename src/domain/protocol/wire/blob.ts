import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { B64u, WIRE_CEILINGS } from './primitives';
import { ObjectChangesBody } from './store-objects';

const Version = Type.Integer({ minimum: 1 });
const BlobCiphertext = B64u(0, WIRE_CEILINGS.blobBytes, 'nonce(12) || AES-256-GCM(blobKey, …)');

/** `GET /blob` (also sent as `ETag: "<version>"`). */
export const BlobResponse = Type.Object({ version: Version, ciphertext: BlobCiphertext }, { additionalProperties: false });
export type BlobResponse = Static<typeof BlobResponse>;

/** `PUT /blob` with `If-Match: "<version>"`; `objects` (PROTOCOL §8.2) commits, releases and claims store objects with it. */
export const WriteBlobRequest = Type.Object(
  { ciphertext: BlobCiphertext, objects: Type.Optional(ObjectChangesBody) },
  { additionalProperties: false },
);
export type WriteBlobRequest = Static<typeof WriteBlobRequest>;

export const WriteBlobResponse = Type.Object({ version: Version }, { additionalProperties: false });
export type WriteBlobResponse = Static<typeof WriteBlobResponse>;

/** `If-Match` / `ETag` value for a blob version: a strong entity tag. */
export const blobEntityTag = (version: number): string => `"${version}"`;

/** The version in an `If-Match` header, or null when it is not one strong tag of a positive integer. */
export const parseBlobEntityTag = (header: string): number | null => {
  const match = /^\s*"([1-9][0-9]{0,14})"\s*$/.exec(header);
  return match?.[1] === undefined ? null : Number(match[1]);
};
