import { useId, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { useAsyncAction, useFocusFirstInvalid, useProgressTracker } from '../hooks';
import { ratePassword } from '../password-strength';
import { ErrorAlert } from './error-alert';
import { LiveStatus } from './live-status';
import { PasswordField } from './password-field';
import { PasswordStrengthMeter } from './password-strength-meter';
import { ProgressStatus } from './progress-status';

interface Props {
  readonly session: MessengerSession;
}

interface FieldErrors {
  readonly current: string | null;
  readonly next: string | null;
  readonly confirmation: string | null;
}

const NO_ERRORS: FieldErrors = { current: null, next: null, confirmation: null };

export function ChangePasswordForm({ session }: Props) {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const formRef = useFocusFirstInvalid(attempt);
  const tracker = useProgressTracker();
  const rating = ratePassword(next);

  const change = useAsyncAction(async () => {
    try {
      await session.changePassword(current, next, tracker.listener);
    } finally {
      tracker.reset();
    }
    setCurrent('');
    setNext('');
    setConfirmation('');
    setStatus('Password changed. Your other devices must log in again with the new password.');
  }, 'password');

  const submit = (event: Event) => {
    event.preventDefault();
    setStatus(null);
    const found: FieldErrors = {
      current: current === '' ? 'Enter your current password.' : null,
      next: !rating.acceptable ? rating.hint : next === current ? 'Choose a password different from the current one.' : null,
      confirmation: next === confirmation ? null : 'The two new passwords differ.',
    };
    setErrors(found);
    setAttempt(attempt + 1);
    if (found.current !== null || found.next !== null || found.confirmation !== null) return;
    void change.run();
  };

  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Change password</h3>
      <form ref={formRef} class="form" onSubmit={submit} noValidate aria-busy={change.busy}>
        <PasswordField
          label="Current password"
          value={current}
          onInput={(value) => {
            setCurrent(value);
            setErrors({ ...errors, current: null });
          }}
          autoComplete="current-password"
          error={errors.current}
          disabled={change.busy}
        />
        <PasswordField
          label="New password"
          value={next}
          onInput={(value) => {
            setNext(value);
            setErrors({ ...errors, next: null });
          }}
          autoComplete="new-password"
          error={errors.next}
          disabled={change.busy}
        >
          <PasswordStrengthMeter rating={rating} empty={next === ''} />
        </PasswordField>
        <PasswordField
          label="Repeat new password"
          value={confirmation}
          onInput={(value) => {
            setConfirmation(value);
            setErrors({ ...errors, confirmation: null });
          }}
          autoComplete="new-password"
          error={errors.confirmation}
          disabled={change.busy}
        />
        <ErrorAlert error={change.error} />
        <ProgressStatus active={change.busy} progress={tracker.progress} idleText="Preparing…" />
        <LiveStatus message={status} />
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={change.busy}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}
