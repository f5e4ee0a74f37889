import { useId, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { useAsyncAction } from '../hooks';
import { explainLeftBehind } from '../left-behind-notice';
import { usePasswordFailureFocus } from '../use-password-failure-focus';
import { ErrorAlert } from './error-alert';
import { PasswordField } from './password-field';

interface Props {
  readonly session: MessengerSession;
  /** `leftBehind`: what this browser's storage failed to delete, worded for the deleted account; null when nothing. */
  readonly onDeleted: (leftBehind: string | null) => void;
}

export function DeleteAccountForm({ session, onDeleted }: Props) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const remove = useAsyncAction(async () => {
    const leftBehind = await session.deleteAccount(password);
    onDeleted(explainLeftBehind(leftBehind, 'deleted'));
  }, 'delete');
  const focus = usePasswordFailureFocus(remove);
  return (
    <section class="settings__section settings__section--danger" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Delete account</h3>
      <p>
        Deletes {session.address} from its server: your encrypted data, your inbox and every friend's access. Your
        friends keep their copy of past conversations. This cannot be undone.
      </p>
      <form
        class="form"
        noValidate
        aria-busy={remove.busy}
        onSubmit={(event) => {
          event.preventDefault();
          if (understood && password !== '') void remove.run();
        }}
      >
        <PasswordField label="Password to confirm" value={password} onInput={setPassword} autoComplete="current-password" disabled={remove.busy} inputRef={focus.passwordRef} />
        <div class="checkbox">
          <input
            id={`${id}-understood`}
            type="checkbox"
            checked={understood}
            disabled={remove.busy}
            onChange={(event) => setUnderstood(event.currentTarget.checked)}
          />
          <label for={`${id}-understood`}>I understand that my account and messages will be gone for good.</label>
        </div>
        <ErrorAlert error={remove.error} focusRef={focus.errorRef} />
        <div class="form-actions">
          <button type="submit" class="button button--danger" disabled={remove.busy || !understood || password === ''}>
            Delete my account
          </button>
        </div>
      </form>
    </section>
  );
}
