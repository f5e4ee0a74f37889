import { useId, useState } from 'preact/hooks';
import type { MessengerError, MessengerSession } from '../../../application/client/messenger';
import { explainError } from '../error-messages';
import { useAsyncAction, useProgressTracker } from '../hooks';
import { loadPasswordDictionaries } from '../password-dictionaries';
import { checkNewPassword } from '../password-strength';
import { useForm } from '../use-form';
import { usePasswordFailureFocus } from '../use-password-failure-focus';
import { LiveStatus } from './live-status';
import { NewPasswordFields } from './new-password-fields';
import { PasswordField } from './password-field';
import { SubmitArea } from './submit-area';

interface Props {
  readonly session: MessengerSession;
}

export function ChangePasswordForm({ session }: Props) {
  const id = useId();
  const form = useForm({ current: '', next: '', confirmation: '' });
  const [status, setStatus] = useState<string | null>(null);
  const tracker = useProgressTracker();

  const change = useAsyncAction(async () => {
    let notKept: readonly MessengerError[];
    try {
      notKept = await session.changePassword(form.values.current, form.values.next, tracker.listener);
    } finally {
      tracker.reset();
    }
    form.reset();
    // Said now: a reload would only ask for the password.
    const said = ['Password changed. Your other devices must log in again with the new password.', ...notKept.map((failure) => explainError(failure, 'password').message)];
    setStatus(said.join(' '));
  }, 'password');
  const focus = usePasswordFailureFocus(change);

  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(null);
    // The server's answer to the last try no longer holds once this one is checked anew.
    change.clearError();
    await loadPasswordDictionaries();
    const { current, next, confirmation } = form.values;
    const { password, confirmation: confirmationError } = checkNewPassword(next, confirmation, current);
    const valid = form.validate({
      current: current === '' ? 'Enter your current password.' : null,
      next: password,
      confirmation: confirmationError,
    });
    if (valid) void change.run();
  };

  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Change password</h3>
      <form ref={form.formRef} class="form" onSubmit={(event) => void submit(event)} noValidate aria-busy={change.busy}>
        <PasswordField label="Current password" {...form.field('current')} autoComplete="current-password" disabled={change.busy} inputRef={focus.passwordRef} />
        <NewPasswordFields
          password={form.field('next')}
          confirmation={form.field('confirmation')}
          labels={{ password: 'New password', confirmation: 'Repeat new password' }}
          disabled={change.busy}
        />
        <SubmitArea label="Change password" busy={change.busy} error={change.error} progress={tracker.progress} errorRef={focus.errorRef}>
          <LiveStatus message={status} />
        </SubmitArea>
      </form>
    </section>
  );
}
