import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { PROBLEM_CODES } from '../server-error-codes';
import { ObjectId } from './store-objects';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** PROTOCOL §3 problem codes, as a schema. */
export const ProblemCode = Type.Union(PROBLEM_CODES.map((code) => Type.Literal(code)));
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
    missing: Type.Optional(Type.Array(ObjectId, { maxItems: 3000 })),
  },
  { additionalProperties: false },
);
export type ProblemBody = Static<typeof ProblemBody>;
