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
