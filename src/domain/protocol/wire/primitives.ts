import { Static, TSchema } from '@sinclair/typebox';
import { Type } from './type';
import { ACCOUNT_NAME_PATTERN } from '../account-rules';
import { b64uLength } from '../encoding/b64u';

/**
 * Hard ceilings of the wire format. The operator's configured limits (PROTOCOL §7) are smaller
 * and enforced by the body limit and the use cases (413); these only keep absurd input out.
 */
export const WIRE_CEILINGS = {
  /** Largest blob an operator may configure, in bytes (STARBASE_BLOB_BYTES). */
  blobBytes: 256 * 1024 * 1024,
  /** Largest envelope an operator may configure, in bytes (STARBASE_ENVELOPE_BYTES). */
  envelopeBytes: 16 * 1024 * 1024,
  /**
   * Largest object an operator may configure (STARBASE_OBJECT_BYTES): one MongoDB document holds
   * an object with room to spare under BSON's 16 MiB.
   */
  objectBytes: 15 * 1024 * 1024,
  /** Most ids one `POST /inbox/ack` may carry. */
  ackIds: 1000,
  /** Most items one `GET /inbox` page may carry. */
  inboxPageItems: 500,
} as const;

export const B64U_PATTERN = '^[A-Za-z0-9_-]*$';

/** A base64url (no padding) string between `minBytes` and `maxBytes` decoded bytes. */
export const B64u = (minBytes: number, maxBytes: number, description?: string) =>
  Type.String({
    pattern: B64U_PATTERN,
    minLength: b64uLength(minBytes),
    maxLength: b64uLength(maxBytes),
    ...(description === undefined ? {} : { description }),
  });

/** An X25519 public key: raw 32 bytes. */
export const PublicKey = B64u(32, 32, 'X25519 public key, raw 32 bytes, b64u');
/** The client's authKey: 32 bytes from HKDF. */
export const AuthKey = B64u(32, 32, 'authKey, 32 bytes, b64u');

/** PROTOCOL §2 account name. */
export const AccountName = Type.String({ pattern: ACCOUNT_NAME_PATTERN.source, minLength: 2, maxLength: 32 });
export type AccountName = Static<typeof AccountName>;

/** Server-made identifiers (items, drop tokens, captchas): opaque and URL-safe. */
export const Id = Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 64 });
export type Id = Static<typeof Id>;

/** Milliseconds since the Unix epoch. */
export const Timestamp = Type.Integer({ minimum: 0, description: 'ms since the Unix epoch' });

export const Address = Type.String({ minLength: 3, maxLength: 300, description: 'name@authority' });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const NameParams = Type.Object({ name: AccountName }, { additionalProperties: false });
export type NameParams = Static<typeof NameParams>;

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** `{}`: the body of calls that take no input but are POSTs. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });
export type EmptyBody = Static<typeof EmptyBody>;
