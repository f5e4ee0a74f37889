/**
 * Every expected failure of the home server, as a stable string code.
 * The HTTP adapter maps each to a status and a PROTOCOL §3 problem code.
 */
export type ServerErrorCode =
  | 'input/invalid'
  | 'auth/unauthorized'
  | 'auth/forbidden'
  | 'account/not-found'
  | 'account/name-taken'
  | 'account/disabled'
  | 'registration/closed'
  | 'registration/invite-invalid'
  | 'blob/version-conflict'
  | 'blob/precondition-required'
  | 'blob/too-large'
  | 'captcha/invalid'
  | 'captcha/expired'
  | 'inbox/envelope-too-large'
  | 'inbox/full'
  | 'drop-token/not-found'
  | 'object/not-found'
  | 'object/exists'
  | 'object/committed'
  | 'object/missing'
  | 'object/too-large'
  | 'store/full';

/** A failed compare-and-set write carries the version the client must re-read and merge. */
export interface BlobVersionConflict {
  readonly code: 'blob/version-conflict';
  readonly currentVersion: number;
}

/** A head write named objects the account does not hold (in the state the list needs): all of them. */
export interface ObjectsMissing {
  readonly code: 'object/missing';
  readonly missing: readonly string[];
}

/** The failures that carry more than their code. */
export type DetailedServerError = BlobVersionConflict | ObjectsMissing;

/** PROTOCOL §3: the stable machine-readable problem codes a server sends (`code` in problem+json). */
export const PROBLEM_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'name_taken',
  'version_conflict',
  'precondition_required',
  'captcha_invalid',
  'captcha_expired',
  'payload_too_large',
  'inbox_full',
  'rate_limited',
  'registration_closed',
  'unsupported_media_type',
  'object_exists',
  'object_missing',
  'object_committed',
  'store_full',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
