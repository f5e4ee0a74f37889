import { Static } from '@sinclair/typebox';
import { Type } from './type';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** PROTOCOL §3: the stable machine-readable error codes. */
export const ProblemCode = Type.Union([
  Type.Literal('validation_failed'),
  Type.Literal('unauthorized'),
  Type.Literal('forbidden'),
  Type.Literal('not_found'),
  Type.Literal('name_taken'),
  Type.Literal('version_conflict'),
  Type.Literal('precondition_required'),
  Type.Literal('captcha_invalid'),
  Type.Literal('captcha_expired'),
  Type.Literal('payload_too_large'),
  Type.Literal('inbox_full'),
  Type.Literal('rate_limited'),
  Type.Literal('registration_closed'),
  Type.Literal('unsupported_media_type'),
  Type.Literal('object_exists'),
  Type.Literal('object_missing'),
  Type.Literal('object_committed'),
  Type.Literal('store_full'),
]);
export type ProblemCode = Static<typeof ProblemCode>;

/**
 * RFC 9457 problem details. Extension members: `currentVersion` on `version_conflict`,
 * `retryAfter` (seconds) on `rate_limited`, `missing` (object ids) on `object_missing`. Servers may add `code: 'internal'` only for their own bugs (500).
 */
export const ProblemBody = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String(),
    code: Type.Union([ProblemCode, Type.Literal('internal')]),
    currentVersion: Type.Optional(Type.Integer({ minimum: 0 })),
    retryAfter: Type.Optional(Type.Integer({ minimum: 0 })),
    missing: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }), { maxItems: 3000 })),
  },
  { additionalProperties: false },
);
export type ProblemBody = Static<typeof ProblemBody>;
