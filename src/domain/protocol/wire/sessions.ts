import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { AccountName, AuthKey, Timestamp } from './primitives';

/** `POST /sessions` */
export const OpenSessionRequest = Type.Object({ name: AccountName, authKey: AuthKey }, { additionalProperties: false });
export type OpenSessionRequest = Static<typeof OpenSessionRequest>;

export const OpenSessionResponse = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 4096 }), expiresAt: Timestamp },
  { additionalProperties: false },
);
export type OpenSessionResponse = Static<typeof OpenSessionResponse>;
