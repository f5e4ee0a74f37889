import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { Id, Nullable, Timestamp } from './primitives';

/** `POST /drop-tokens` answer: the token is shown once; the server keeps only its SHA-256. */
export const CreateDropTokenResponse = Type.Object(
  { id: Id, token: Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: 22, maxLength: 128 }) },
  { additionalProperties: false },
);
export type CreateDropTokenResponse = Static<typeof CreateDropTokenResponse>;

export const DropTokenBody = Type.Object(
  { id: Id, createdAt: Timestamp, lastUsedAt: Nullable(Timestamp), uses: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type DropTokenBody = Static<typeof DropTokenBody>;

/** `GET /drop-tokens` */
export const DropTokenList = Type.Array(DropTokenBody);
export type DropTokenList = Static<typeof DropTokenList>;
