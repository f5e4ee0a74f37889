import { MessengerError } from '../messenger';

/**
 * This device's storage failing is expected, not a bug: a MessengerError the app can word, never the store's own
 * error (which would pass for a bug of the app).
 */
export const draftsNotDeleted = (): MessengerError =>
  new MessengerError('device_storage', 'This device could not delete the drafts it kept; they stay sealed.');

export const draftsNotRead = (): MessengerError =>
  new MessengerError('device_storage', 'This device did not give back the drafts it kept; they stay sealed.');

export const cachedHistoryNotDeleted = (): MessengerError =>
  new MessengerError('cached_history_kept', 'This device could not delete the history it cached; it stays sealed.');

export const unsentFilesNotDeleted = (): MessengerError =>
  new MessengerError('unsent_files_kept', 'This device could not delete the files it kept to send; they stay sealed.');

export const accountRecordsNotForgotten = (): MessengerError =>
  new MessengerError('account_records_kept', 'This device could not forget the version marks and password settings it noted for the deleted account.');

export const signInNotForgotten = (): MessengerError =>
  new MessengerError('sign_in_kept', 'This device could not forget the sign-in it kept; it may sign in again without the password.');

export const signInNotKept = (): MessengerError =>
  new MessengerError('sign_in_not_kept', 'This device could not keep or read back the sign-in; the password is needed again.');
