import type { ClientErrorCode } from '../../application/client/client-error';
import { MessengerError } from '../../application/client/messenger';
import { serverOf } from './address-input';
import { PROBLEM_CODES } from '../../domain/protocol/server-error-codes';

/** Where a failure happened: the same code can mean different things to the user. */
export type ErrorContext =
  | 'register'
  | 'log-in'
  /** Signing in again on opening the app, with what "Stay signed in" kept. */
  | 'resume'
  | 'add-friend'
  | 'request'
  /** Accepting a friend request: refused when the address was blocked, maybe on another device. */
  | 'accept-request'
  | 'send'
  /** Sending files: refused before their message was recorded (`unrecorded`), nothing sends them later. */
  | 'send-files'
  | 'password'
  | 'delete'
  /** Fetching new messages, in the foreground or live in the background. */
  | 'sync'
  /** The session ended by itself (the password changed, or everything logged out, elsewhere): said on the Log in screen. */
  | 'ended'
  /** Downloading a file of a message: its chunks come from our own store. */
  | 'download'
  /** Searching or loading older messages: the pages come from our own store, at no address the user just typed. */
  | 'history'
  | 'general';

/** PROTOCOL §3 problem codes. */
export const SERVER_ERROR_CODES = PROBLEM_CODES;

/** The client core's own codes (see MessengerError). */
export const CLIENT_ERROR_CODES = [
  'network_error',
  'bad_response',
  'wrong_password',
  'kdf_downgrade',
  'kdf_changed',
  'rollback_detected',
  'store_fork',
  'store_newer_format',
  'identity_changed',
  'blob_near_cap',
  'not_friends',
  'invalid_address',
  'already_friends',
  'request_pending',
  'invite_required',
  'message_too_long',
  'unknown_message',
  'not_own_message',
  'invalid_emoji',
  'invalid_timer',
  'file_too_large',
  'upload_cancelled',
  'search_cancelled',
  'request_cancelled',
  'aborted',
  'device_storage',
  'cached_history_kept',
  'unsent_files_kept',
  'account_records_kept',
  'sign_in_kept',
  'sign_in_not_kept',
  'sign_in_outdated',
  'server_session_kept',
  'internal',
] as const satisfies readonly ClientErrorCode[];

/** Every code the client core reports: a new one without a message below fails to compile. */
type KnownCode = ClientErrorCode;

const GENERAL_MESSAGES: Record<KnownCode, string> = {
  validation_failed:
    'The server refused the request as malformed. Check what you typed; if it keeps happening, the server may run another version of starbase.',
  unauthorized: 'Your session has ended. Log in again to continue.',
  forbidden: 'The server does not allow this.',
  not_found: 'The server does not know this account.',
  name_taken: 'This name is already taken on that server. Choose another one.',
  version_conflict: 'Your data changed on another device at the same moment. Try again.',
  precondition_required: 'The server asked for a detail this app did not send. Try again; if it keeps happening, update the app.',
  captcha_invalid: 'That answer was not right. Try again with a new picture.',
  captcha_expired: 'The puzzle expired (they last five minutes). Try again with a new one.',
  payload_too_large: 'This is too large for the server to accept.',
  inbox_full: "The recipient's inbox is full. Try again later.",
  rate_limited: 'Too many attempts in a short time. Wait a minute, then try again.',
  registration_closed: 'This server does not accept new accounts.',
  unsupported_media_type: 'The server did not understand the request format. It may run another version of starbase.',
  object_exists: 'The server already holds different data under this name. Try again.',
  object_missing: 'Some of your stored data is no longer on the server. Try again.',
  object_committed: 'This stored data is in use and cannot be deleted directly.',
  store_full: 'Your account storage on this server is full. Remove old conversations or files to make room.',
  network_error: 'Could not reach the server. Check the server address and your connection.',
  bad_response:
    'The server answered with something unexpected. It may not be a starbase server, or it may run another version.',
  wrong_password: 'Wrong password.',
  kdf_downgrade:
    'The server asked for weaker password protection than this app allows, so nothing was sent. The server may be misconfigured or compromised.',
  kdf_changed:
    'Nothing was sent: the server changed your password parameters since this browser last logged in, and the change was not confirmed.',
  rollback_detected:
    'The server returned older data than this device has already seen, so the app stopped to protect your account. The server may be misbehaving.',
  store_fork:
    'Your server showed this device a history of your data that does not continue the one it saw before: it may be showing your devices different histories. The app stopped and wrote nothing. Check your other devices before trusting this server again.',
  store_newer_format: 'Your data was saved by a newer version of starbase. Reload the page or update the app; nothing was changed.',
  identity_changed:
    "This contact's security key changed. Messages stay blocked until you compare safety numbers with them another way.",
  blob_near_cap:
    'Your account storage is nearly full. Export your data and remove old conversations before new messages can be stored.',
  not_friends: 'You can only message people who accepted your friend request.',
  invalid_address: 'Addresses look like name@server, for example alice@chat.example.org.',
  already_friends: 'You are already friends with this person.',
  request_pending: 'A friend request between you two is already waiting for an answer.',
  invite_required: 'This server takes new accounts only with an invite code. Enter the code its operator gave you.',
  message_too_long: 'This message is longer than the server accepts. Shorten it or split it into several messages; your text is kept.',
  unknown_message: 'That message is no longer in this conversation.',
  not_own_message: 'Only your own messages can be edited or deleted.',
  invalid_emoji: 'A reaction is a single emoji.',
  invalid_timer: 'Messages can disappear after 5 seconds at the least and 4 weeks at the most.',
  file_too_large: 'This file is larger than your server lets you send. Nothing was sent.',
  upload_cancelled: 'Sending was cancelled. Send the same files again to continue where it stopped.',
  search_cancelled: 'The search was stopped.',
  request_cancelled: 'Cancelled. No request was sent.',
  aborted: 'Cancelled before the server answered.',
  device_storage: 'This browser could not delete the drafts it kept, as its storage failed. They stay sealed: only you can read them, after signing in.',
  cached_history_kept:
    'This browser could not delete the copy of your history it kept, as its storage failed. It stays sealed: only you can read it, after signing in. Clearing this site’s data in the browser’s settings removes it.',
  unsent_files_kept:
    'This browser could not delete the files it kept to send, as its storage failed. They stay sealed: only you can open them, after signing in. Clearing this site’s data in the browser’s settings removes them.',
  account_records_kept:
    'This browser could not forget the notes it used to spot old copies of a deleted account, as its storage failed: a new account under the same address would be refused here. Clear this site’s data in the browser’s settings.',
  sign_in_kept:
    'This browser could not forget that you stayed signed in, as its storage failed: opening starbase here may sign you in without your password. Clear this site’s data in the browser’s settings.',
  sign_in_not_kept:
    'This browser could not keep you signed in, as its storage failed: you are signed in on this page only, and reloading or reopening it asks for your password.',
  sign_in_outdated:
    'Your password was changed on another device (or this account deleted there) since this browser kept you signed in. Log in with your password.',
  server_session_kept: 'Your server could not be told, so your session there stays open until it ends by itself, within an hour.',
  internal: 'The server ran into a problem of its own. Try again later; if it keeps happening, tell its operator.',
};

/** Signing in again with what "Stay signed in" kept, on opening the app. */
const KEPT_SIGN_IN_MESSAGES = {
  sign_in_not_kept: 'This browser could not read the sign-in it kept, as its storage failed. Log in with your password.',
  sign_in_kept:
    'The sign-in this browser kept no longer works, and its storage failed to forget it. Log in with your password; clearing this site’s data in the browser’s settings removes it.',
} as const satisfies Partial<Record<KnownCode, string>>;

const CONTEXT_MESSAGES: Partial<Record<ErrorContext, Partial<Record<KnownCode, string>>>> = {
  register: {
    validation_failed: 'The server refused these details. Check the name: 2 to 32 lowercase letters, digits, dots, dashes or underscores.',
    forbidden: 'The server did not accept this invite code. Check it for typos; each code works only once and may have expired.',
  },
  'log-in': {
    unauthorized: 'Wrong address or password.',
    not_found: 'Wrong address or password.',
    wrong_password: 'Wrong address or password.',
    ...KEPT_SIGN_IN_MESSAGES,
  },
  // The user typed no address this time: the server is the one they stayed signed in to, and a reload tries it again.
  resume: {
    ...KEPT_SIGN_IN_MESSAGES,
    network_error: 'Could not reach your own server. Check your connection, then reload this page to try again, or log in below.',
    bad_response: 'Your own server answered with something unexpected. Reload this page later to try again, or log in below.',
  },
  'add-friend': {
    // Failures of the recipient's server carry its address (REQUEST_SERVER_MESSAGES): this one is the person's own.
    network_error: 'Could not reach your own server. Check your connection and try again; nothing was sent.',
    not_found: 'Nobody has this address on that server.',
    not_friends: 'You blocked this address. Unblock it in Settings first; nothing was sent.',
    forbidden: 'That server does not accept friend requests from you.',
    payload_too_large: 'The note is too long. Shorten it and try again.',
    inbox_full: 'Their inbox is full right now. Try again later.',
    // Reached once the request has used up its pictures: no new one is on screen, the form is.
    captcha_invalid: 'That answer was not right. Send the request again for a new puzzle; the address and note are kept.',
    captcha_expired: 'The puzzle expired (they last five minutes). Send the request again for a new one; the address and note are kept.',
  },
  'accept-request': {
    // The block declined the request, so unblocking does not bring it back: a new request does.
    not_friends: 'You blocked this address, maybe on another device, so its request was declined. To be friends, unblock it in Settings and send a friend request.',
  },
  send: {
    payload_too_large: 'This message is too long. Split it into shorter ones.',
    network_error: 'Could not reach your own server, so the message was not stored. Your text is kept: check your connection and send it again.',
    unauthorized: 'Your session has ended, so the message was not stored. Your text is kept: sign in again to send it.',
  },
  'send-files': {
    store_full: 'Your account storage on your server is full, so your files were not sent. Remove old conversations or files to make room, then send them again.',
  },
  sync: {
    network_error: 'Could not reach your own server. New messages arrive once it answers again; this app keeps trying.',
    internal: 'Your own server ran into a problem of its own. This app keeps trying; if it keeps happening, tell its operator.',
    bad_response: 'Your own server answered with something unexpected. This app keeps trying.',
    rate_limited: 'Your own server asks this app to slow down. It tries again shortly.',
  },
  download: {
    network_error: 'Could not reach your own server, so nothing was downloaded. Check your connection and try again.',
    bad_response: 'Your own server answered with something unexpected, so nothing was downloaded. Try again later.',
    internal: 'Your own server ran into a problem of its own, so nothing was downloaded. Try again later; if it keeps happening, tell its operator.',
  },
  history: {
    network_error: 'Could not reach your own server. Check your connection and try again.',
    bad_response: 'Your own server answered with something unexpected. Try again later.',
  },
  password: {
    unauthorized: 'Your current password is wrong.',
    wrong_password: 'Your current password is wrong.',
  },
  ended: {
    // It ended as the server refused the very keys the kept sign-in holds: they sign no one in. What was typed is kept
    // for the next sign-in: clearing the site's data would take it too.
    sign_in_kept:
      'This browser could not forget that you stayed signed in, as its storage failed. That sign-in no longer works: your server refused it. Logging in without “Stay signed in” tries again to forget it.',
  },
  delete: {
    unauthorized: 'Wrong password. Your account was not deleted.',
    wrong_password: 'Wrong password. Your account was not deleted.',
    // What this browser's storage failed to delete once the account was: its keys no longer open anything on the server.
    sign_in_kept:
      'This browser could not forget the sign-in it kept for it, as its storage failed. It no longer works; clearing this site’s data in the browser’s settings removes it.',
    device_storage: 'This browser could not delete the drafts it kept, as its storage failed. They stay sealed; clearing this site’s data in the browser’s settings removes them.',
    cached_history_kept:
      'This browser could not delete the copy of the account’s history it kept, as its storage failed. It stays sealed with the deleted account’s keys, which no longer exist; clearing this site’s data in the browser’s settings removes it.',
    unsent_files_kept:
      'This browser could not delete the files the account had yet to send, as its storage failed. They stay sealed with the deleted account’s keys, which no longer exist; clearing this site’s data in the browser’s settings removes them.',
    account_records_kept:
      'This browser could not forget the notes it used to spot old copies of the account, as its storage failed. Should its address be registered again, this browser would refuse the new account as an old copy; clearing this site’s data in the browser’s settings removes them.',
  },
};

export interface ExplainedError {
  readonly message: string;
  /** The machine code, shown small so a user can quote it when asking for help. */
  readonly code: string | null;
}

/** Failures of a friend's home server, never of the user's own: they name whose server it was. */
const FRIEND_SERVER_MESSAGES: Partial<Record<KnownCode, (friend: string) => string>> = {
  network_error: (friend) => `Could not reach ${friend}'s server. Your message is kept and goes out by itself once that server answers.`,
  unauthorized: (friend) => `${friend}'s server refused the message: ${friend} removed you as a friend.`,
  forbidden: (friend) => `${friend}'s server refused the message.`,
  not_found: (friend) => `${friend}'s account no longer exists: their server does not know it any more.`,
  payload_too_large: (friend) => `${friend}'s server refuses messages this long. Put it back to shorten it, or delete it.`,
  inbox_full: (friend) => `${friend}'s inbox is full. Your message goes out by itself once there is room.`,
  rate_limited: (friend) => `${friend}'s server asks to slow down. Your message goes out by itself shortly.`,
  internal: (friend) => `${friend}'s server ran into a problem of its own. Your message goes out by itself once it recovers.`,
  bad_response: (friend) => `${friend}'s server answered with something unexpected. Your message is kept and tried again.`,
};

/** Failures of a friend's server that ended an upload before its message was recorded: nothing sends those files later. */
const UNSENT_FILES_MESSAGES: Partial<Record<KnownCode, (friend: string) => string>> = {
  internal: (friend) => `${friend}'s server ran into a problem of its own, so your files were not sent. Send them again later.`,
  inbox_full: (friend) => `${friend}'s inbox is full, so your files were not sent. Send them again later.`,
  bad_response: (friend) => `${friend}'s server answered with something unexpected, so your files were not sent. Send them again later.`,
  payload_too_large: (friend) => `${friend}'s server refuses files this large, so they were not sent.`,
  forbidden: (friend) => `${friend}'s server refused your files.`,
};

/** Failures of the server a friend request goes to: the person is not a friend yet, and nothing was sent. */
const REQUEST_SERVER_MESSAGES: Partial<Record<KnownCode, (address: string) => string>> = {
  network_error: (address) => `Could not reach ${serverOf(address)}, the server of ${address}. Check the address and your connection; nothing was sent.`,
  internal: (address) => `${serverOf(address)}, the server of ${address}, ran into a problem of its own. Try again later; nothing was sent.`,
  bad_response: (address) =>
    `${serverOf(address)}, the server of ${address}, answered with something unexpected. It may not be a starbase server; nothing was sent.`,
  rate_limited: (address) => `${serverOf(address)}, the server of ${address}, asks to slow down. Wait a minute, then try again.`,
};

const isKnownCode = (code: string): code is KnownCode => Object.hasOwn(GENERAL_MESSAGES, code);

export function explainError(error: unknown, context: ErrorContext): ExplainedError {
  if (!(error instanceof MessengerError)) {
    // Anything else is a bug in this app or the client core: keep it visible to developers.
    console.error('Unexpected failure', error);
    return { message: 'Something went wrong in the app. Reload the page and try again.', code: null };
  }
  if (!isKnownCode(error.code)) {
    return { message: `The operation failed: ${error.message}`, code: error.code };
  }
  const friend = error.details.friend;
  if (friend !== undefined && context === 'add-friend') {
    const message =
      REQUEST_SERVER_MESSAGES[error.code]?.(friend) ??
      CONTEXT_MESSAGES['add-friend']?.[error.code] ??
      `${serverOf(friend)}, the server of ${friend}, refused: ${GENERAL_MESSAGES[error.code]}`;
    return { message, code: error.code };
  }
  if (friend !== undefined) {
    const explain = (context === 'send-files' && error.details.unrecorded === true ? UNSENT_FILES_MESSAGES[error.code] : undefined) ?? FRIEND_SERVER_MESSAGES[error.code];
    const message = explain ? explain(friend) : `${friend}'s server (${serverOf(friend)}) failed: ${GENERAL_MESSAGES[error.code]}`;
    return { message, code: error.code };
  }
  const message = CONTEXT_MESSAGES[context]?.[error.code] ?? GENERAL_MESSAGES[error.code];
  return { message, code: error.code };
}

/** Registration failed for want of a valid invite code: the invite field is the place to say so. */
export const isInviteProblem = (code: string | null): boolean => code === 'invite_required' || code === 'forbidden';

/** Logging in was refused for the address or password given (said as 'Wrong address or password.'): the password is the field to retype. */
export const isCredentialProblem = (code: string | null): boolean => code === 'wrong_password' || code === 'unauthorized' || code === 'not_found';

const DEVICE_STORAGE_CODES: ReadonlySet<string | null> = new Set([
  'device_storage',
  'cached_history_kept',
  'unsent_files_kept',
  'account_records_kept',
  'sign_in_kept',
  'sign_in_not_kept',
] satisfies KnownCode[]);

/** This browser's own storage failed, not a server: what it kept (drafts, history, files to send, a sign-in) stayed behind. */
export const isDeviceStorageProblem = (code: string | null): boolean => DEVICE_STORAGE_CODES.has(code);

/** True when the failure means the session is gone and the user must log in again. */
export const endsSession = (error: unknown, context: ErrorContext): boolean =>
  error instanceof MessengerError && error.code === 'unauthorized' && (context === 'general' || context === 'request' || context === 'accept-request');
