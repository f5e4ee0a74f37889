import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { AccountName, Address, AuthKey, B64u, PublicKey, Timestamp, WIRE_CEILINGS } from './primitives';

/** Generous bounds; the server's own floor and ceiling checks give the precise answer. */
const KdfCost = Type.Integer({ minimum: 1, maximum: 2 ** 32 - 1 });

/** PROTOCOL §4 KDF parameters (`GET /accounts/{name}/kdf`, registration, password change). */
export const KdfParamsBody = Type.Object(
  {
    algorithm: Type.Literal('argon2id'),
    salt: B64u(16, 64, 'Argon2id salt, 16 random bytes chosen by the client'),
    memoryKiB: KdfCost,
    iterations: KdfCost,
    parallelism: KdfCost,
  },
  { additionalProperties: false },
);
export type KdfParamsBody = Static<typeof KdfParamsBody>;

const BlobCiphertext = B64u(0, WIRE_CEILINGS.blobBytes, 'nonce(12) || AES-256-GCM(blobKey, …)');

/** `POST /accounts` */
export const RegisterRequest = Type.Object(
  {
    name: AccountName,
    authKey: AuthKey,
    kdf: KdfParamsBody,
    identityKey: PublicKey,
    blob: Type.Object({ ciphertext: BlobCiphertext }, { additionalProperties: false }),
    invite: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type RegisterRequest = Static<typeof RegisterRequest>;

export const RegisterResponse = Type.Object({ address: Address }, { additionalProperties: false });
export type RegisterResponse = Static<typeof RegisterResponse>;

/** `PATCH /account` */
export const PatchAccountRequest = Type.Object({ openInbox: Type.Boolean() }, { additionalProperties: false });
export type PatchAccountRequest = Static<typeof PatchAccountRequest>;

/** The owner's view of the account (`PATCH /account` answer). */
export const AccountViewBody = Type.Object(
  { name: AccountName, address: Address, identityKey: PublicKey, openInbox: Type.Boolean(), createdAt: Timestamp },
  { additionalProperties: false },
);
export type AccountViewBody = Static<typeof AccountViewBody>;

/** `PUT /account/credentials`: password change, atomic with the re-encrypted blob. */
export const ChangeCredentialsRequest = Type.Object(
  {
    currentAuthKey: AuthKey,
    authKey: AuthKey,
    kdf: KdfParamsBody,
    blob: Type.Object(
      { version: Type.Integer({ minimum: 1 }), ciphertext: BlobCiphertext },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ChangeCredentialsRequest = Static<typeof ChangeCredentialsRequest>;

/** The blob's new version after the password change. */
export const ChangeCredentialsResponse = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type ChangeCredentialsResponse = Static<typeof ChangeCredentialsResponse>;

/** `DELETE /account` */
export const DeleteAccountRequest = Type.Object({ authKey: AuthKey }, { additionalProperties: false });
export type DeleteAccountRequest = Static<typeof DeleteAccountRequest>;
