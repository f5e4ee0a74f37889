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
  | 'drop-token/not-found';

/** A failed compare-and-set write carries the version the client must re-read and merge. */
export interface BlobVersionConflict {
  readonly code: 'blob/version-conflict';
  readonly currentVersion: number;
}
