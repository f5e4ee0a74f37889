import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { Envelope, SealedEnvelope } from './envelope';
import { Address, Id, PublicKey, Timestamp } from './primitives';

/** `GET /users/{name}/profile` */
export const ProfileBody = Type.Object(
  { address: Address, identityKey: PublicKey, openInbox: Type.Boolean() },
  { additionalProperties: false },
);
export type ProfileBody = Static<typeof ProfileBody>;

/** Version 2: a server that accepts both kinds names the other one, to be had with `?kind=`. */
const CaptchaAlternatives = Type.Optional(
  Type.Array(Type.Union([Type.Literal('image'), Type.Literal('pow')]), { maxItems: 2, uniqueItems: true }),
);

export const ImageCaptchaBody = Type.Object(
  {
    id: Id,
    kind: Type.Literal('image'),
    image: Type.String({ pattern: '^data:image/png;base64,', maxLength: 1024 * 1024 }),
    expiresAt: Timestamp,
    alternatives: CaptchaAlternatives,
  },
  { additionalProperties: false },
);
export type ImageCaptchaBody = Static<typeof ImageCaptchaBody>;

/** PROTOCOL §5: the answer is the number n ≤ maxNumber with hex(SHA-256(salt + n)) == challenge. */
export const PowCaptchaBody = Type.Object(
  {
    id: Id,
    kind: Type.Literal('pow'),
    algorithm: Type.Literal('SHA-256'),
    salt: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 128 }),
    challenge: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    maxNumber: Type.Integer({ minimum: 1 }),
    expiresAt: Timestamp,
    alternatives: CaptchaAlternatives,
  },
  { additionalProperties: false },
);
export type PowCaptchaBody = Static<typeof PowCaptchaBody>;

/** `GET /users/{name}/captcha?kind=image|pow` (the kind is a wish: a server offering one kind ignores it) */
export const CaptchaQuery = Type.Object(
  { kind: Type.Optional(Type.Union([Type.Literal('image'), Type.Literal('pow')])) },
  { additionalProperties: false },
);
export type CaptchaQuery = Static<typeof CaptchaQuery>;

/** `GET /users/{name}/captcha` */
export const CaptchaBody = Type.Union([ImageCaptchaBody, PowCaptchaBody]);
export type CaptchaBody = Static<typeof CaptchaBody>;

/** A solved captcha: the image's text, or the proof-of-work number (as a number or a decimal string). */
export const CaptchaSolution = Type.Object(
  {
    id: Id,
    answer: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Integer({ minimum: 0 })]),
  },
  { additionalProperties: false },
);
export type CaptchaSolution = Static<typeof CaptchaSolution>;

/** `POST /users/{name}/friend-requests` */
export const FriendRequestRequest = Type.Object(
  { captcha: CaptchaSolution, envelope: SealedEnvelope },
  { additionalProperties: false },
);
export type FriendRequestRequest = Static<typeof FriendRequestRequest>;

/** `POST /users/{name}/drops` */
export const DropRequest = Type.Object({ envelope: Envelope }, { additionalProperties: false });
export type DropRequest = Static<typeof DropRequest>;

/** 202 answer of friend requests and drops. */
export const AcceptedResponse = Type.Object({ id: Id }, { additionalProperties: false });
export type AcceptedResponse = Static<typeof AcceptedResponse>;

