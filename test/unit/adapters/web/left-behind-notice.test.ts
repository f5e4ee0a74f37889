/** What this browser's storage failed to delete as the user left, said once where they land. */
import { MessengerError } from '../../../../src/application/client/messenger';
import { explainError } from '../../../../src/adapters/web/error-messages';
import { explainLeftBehind } from '../../../../src/adapters/web/left-behind-notice';

const failed = (...codes: string[]) => codes.map((code) => new MessengerError(code, 'technical detail'));
const ADVICE = /clearing this site’s data in the browser’s settings removes/gi;

describe('what stayed on this browser, said once', () => {
  it('says nothing when nothing stayed', () => {
    expect(explainLeftBehind([], 'deleted')).toBeNull();
    expect(explainLeftBehind([], 'signed-out')).toBeNull();
  });

  it.each(['sign_in_kept', 'device_storage', 'cached_history_kept', 'unsent_files_kept', 'account_records_kept'])(
    'words one failure (%s) of a deletion as it reads on its own',
    (code) => {
      expect(explainLeftBehind(failed(code), 'deleted')).toBe(explainError(new MessengerError(code, ''), 'delete').message);
    },
  );

  it.each(['sign_in_kept', 'device_storage', 'cached_history_kept', 'unsent_files_kept'])('words one failure (%s) of a log-out as it reads on its own', (code) => {
    expect(explainLeftBehind(failed(code), 'signed-out')).toBe(explainError(new MessengerError(code, ''), 'general').message);
  });

  it('names everything a deletion left in one sentence, what it means in another, and the advice once', () => {
    expect(explainLeftBehind(failed('sign_in_kept', 'device_storage', 'cached_history_kept', 'unsent_files_kept'), 'deleted')).toBe(
      'This browser’s storage failed, so it could not delete what it kept of the deleted account: the sign-in, the drafts, the cached history and the unsent files. ' +
        'The sign-in no longer works and the others stay sealed with keys that no longer exist. ' +
        'Clearing this site’s data in the browser’s settings removes them.',
    );
    expect(explainLeftBehind(failed('unsent_files_kept', 'cached_history_kept', 'device_storage'), 'deleted')).toBe(
      'This browser’s storage failed, so it could not delete what it kept of the deleted account: the drafts, the cached history and the unsent files. ' +
        'They stay sealed with keys that no longer exist. Clearing this site’s data in the browser’s settings removes them.',
    );
  });

  it('says what the notes that spot old copies would do, beside the rest', () => {
    const said = explainLeftBehind(failed('account_records_kept', 'cached_history_kept', 'sign_in_kept'), 'deleted');
    expect(said).toBe(
      'This browser’s storage failed, so it could not delete what it kept of the deleted account: the sign-in, the cached history and the notes it used to spot old copies. ' +
        'The sign-in no longer works, the notes would make this browser refuse a new account under the same address and the cached history stays sealed with keys that no longer exist. ' +
        'Clearing this site’s data in the browser’s settings removes them.',
    );
  });

  it('tells a user who logged out to clear the site’s data where the sign-in may still open the account', () => {
    expect(explainLeftBehind(failed('sign_in_kept', 'device_storage', 'cached_history_kept', 'unsent_files_kept'), 'signed-out')).toBe(
      'This browser’s storage failed, so it could not delete what it kept of your account: the sign-in, the drafts, the cached history and the unsent files. ' +
        'Opening starbase here may sign you in without your password and the others stay sealed: only you can open them, after signing in. ' +
        'Clear this site’s data in the browser’s settings to remove them.',
    );
    expect(explainLeftBehind(failed('device_storage', 'cached_history_kept'), 'signed-out')?.match(ADVICE)).toHaveLength(1);
  });

  it('says each failure once, however often it was reported, and words any other failure after', () => {
    const said = explainLeftBehind(failed('device_storage', 'device_storage', 'internal'), 'deleted');
    expect(said).toBe(
      `${explainError(new MessengerError('device_storage', ''), 'delete').message} ${explainError(new MessengerError('internal', ''), 'delete').message}`,
    );
  });
});
