import { GatewayError, GatewayErrorCode } from '../ports/home-server-gateway';
import { err, Err } from '../../domain/protocol/result';

/**
 * Why a client use case failed, as the UI needs it: a PROTOCOL §3 problem code passed through
 * from a server, or one of the client's own codes (documented on MessengerError).
 */
export type ClientErrorCode =
  | GatewayErrorCode
  | 'wrong_password'
  | 'kdf_downgrade'
  | 'kdf_changed'
  | 'rollback_detected'
  /** The server showed this device a head that does not descend from the one it saw before (PROTOCOL §8.3). */
  | 'store_fork'
  /** The head was written by a newer client: reload or update the app (PROTOCOL §8.6). */
  | 'store_newer_format'
  | 'identity_changed'
  | 'blob_near_cap'
  | 'not_friends'
  | 'invalid_address'
  | 'already_friends'
  | 'request_pending'
  | 'invite_required'
  | 'message_too_long'
  | 'unknown_message'
  | 'not_own_message'
  | 'invalid_emoji'
  | 'invalid_timer'
  /** A file over the server's `fileBytes` (§10), refused before anything was sent. */
  | 'file_too_large'
  /** The user cancelled sending files; sending the same files again resumes (§9.2). */
  | 'upload_cancelled'
  /** The user stopped a search before it went through the whole history. */
  | 'search_cancelled'
  /** The user cancelled a friend request before it was sent: nothing of it stays. */
  | 'request_cancelled'
  /** This device's own storage failed: the drafts it kept could not be deleted (they stay sealed). */
  | 'device_storage'
  /** This device's own storage failed to delete its cache of the account's stored history (it stays sealed). */
  | 'cached_history_kept'
  /** This device's own storage failed to delete the files it kept to send (they stay sealed). */
  | 'unsent_files_kept'
  /**
   * This device's own storage failed to forget what it noted of a deleted account (the highest version and head it saw,
   * its password settings): a new account registered under the same address could be refused here as a rollback.
   */
  | 'account_records_kept'
  /** This device's own storage failed to forget the sign-in "Stay signed in" kept: it may sign in here again without the password. */
  | 'sign_in_kept'
  /** This device's own storage failed to keep the sign-in "Stay signed in" asked for, or to read it back: the password is needed again. */
  | 'sign_in_not_kept'
  /** The server refused the sign-in "Stay signed in" kept (the password changed, or the account was deleted, elsewhere): it was forgotten. */
  | 'sign_in_outdated'
  /** Logging out, the user's own server could not be told (it failed, or did not answer in time): the session there ends by itself at its expiry. */
  | 'server_session_kept';

export interface ClientError {
  readonly code: ClientErrorCode;
  /** For people; may quote server text, so render it as text only. Never contains secrets. */
  readonly message: string;
  /** Set when a friend's server failed, not the user's own: the friend's address. */
  readonly friend?: string;
  /** Set when a message being sent was not stored at all, so nothing will resend it. */
  readonly unrecorded?: true;
}

export const clientError = (code: ClientErrorCode, message: string): Err<ClientError> => err({ code, message });

/** A failure of the friend's home server, so the user is not told their own server failed. */
export const fromFriendServer = (error: GatewayError, friend: string, what: string): Err<ClientError> =>
  err({ code: error.code, message: `${what}: ${error.detail || error.code}`, friend });

export const fromGateway = (error: GatewayError, what: string): Err<ClientError> =>
  clientError(error.code, `${what}: ${error.detail || error.code}`);
