import { useState } from 'preact/hooks';
import type { Messenger, MessengerSession } from '../../../application/client/messenger';
import { checkName, checkServer, splitAddress } from '../address-input';
import { AddressFields } from '../components/address-fields';
import { ErrorAlert } from '../components/error-alert';
import { PasswordField } from '../components/password-field';
import { PasswordStrengthMeter } from '../components/password-strength-meter';
import { ProgressStatus } from '../components/progress-status';
import { ScreenHeading } from '../components/screen-heading';
import type { WebEnvironment } from '../environment';
import { useAsyncAction, useDefaultServer, useFocusFirstInvalid, useProgressTracker } from '../hooks';
import { ratePassword } from '../password-strength';
import { ProgressChannel } from '../progress-channel';
import { AuthLayout } from './auth-layout';

interface Props {
  readonly messenger: Messenger;
  readonly environment: WebEnvironment;
  readonly onSignedIn: (session: MessengerSession, progress: ProgressChannel) => void;
  readonly onLogInInstead: () => void;
}

interface FieldErrors {
  readonly name: string | null;
  readonly server: string | null;
  readonly password: string | null;
  readonly confirmation: string | null;
}

const NO_ERRORS: FieldErrors = { name: null, server: null, password: null, confirmation: null };

export function RegisterScreen({ messenger, environment, onSignedIn, onLogInInstead }: Props) {
  const remembered = splitAddress(environment.recallLastAddress() ?? '');
  const [name, setName] = useState('');
  const [server, setServer] = useDefaultServer(environment, remembered?.server ?? null);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const formRef = useFocusFirstInvalid(attempt);
  const tracker = useProgressTracker();
  const rating = ratePassword(password);


  const register = useAsyncAction(async (address: string, secret: string) => {
    const channel = new ProgressChannel();
    const stop = channel.subscribe(tracker.listener);
    try {
      const session = await messenger.register(address, secret, { allowHttp: environment.allowHttp, onProgress: channel.report });
      onSignedIn(session, channel);
    } finally {
      stop();
      tracker.reset();
    }
  }, 'register');

  const submit = (event: Event) => {
    event.preventDefault();
    const checkedName = checkName(name);
    const checkedServer = checkServer(server);
    const found: FieldErrors = {
      name: checkedName.ok ? null : checkedName.error,
      server: checkedServer.ok ? null : checkedServer.error,
      password: rating.acceptable ? null : rating.hint,
      confirmation: password === confirmation ? null : 'The two passwords differ.',
    };
    setErrors(found);
    setAttempt(attempt + 1);
    if (!checkedName.ok || !checkedServer.ok || found.password !== null || found.confirmation !== null) return;
    void register.run(`${checkedName.value}@${checkedServer.value}`, password);
  };

  return (
    <AuthLayout>
      <ScreenHeading>Create your account</ScreenHeading>
      <form ref={formRef} class="form" onSubmit={submit} noValidate aria-busy={register.busy}>
        <AddressFields
          name={name}
          server={server}
          onName={(value) => {
            setName(value);
            setErrors({ ...errors, name: null });
          }}
          onServer={(value) => {
            setServer(value);
            setErrors({ ...errors, server: null });
          }}
          nameError={errors.name}
          serverError={errors.server}
          disabled={register.busy}
          nameAutoComplete="username"
        />
        <PasswordField
          label="Password"
          value={password}
          onInput={(value) => {
            setPassword(value);
            setErrors({ ...errors, password: null });
          }}
          autoComplete="new-password"
          error={errors.password}
          disabled={register.busy}
        >
          <PasswordStrengthMeter rating={rating} empty={password === ''} />
        </PasswordField>
        <PasswordField
          label="Repeat password"
          value={confirmation}
          onInput={(value) => {
            setConfirmation(value);
            setErrors({ ...errors, confirmation: null });
          }}
          autoComplete="new-password"
          error={errors.confirmation}
          disabled={register.busy}
        />
        <p class="form__note">
          Your password never leaves this device. Nobody can reset it, not even your server: if you forget it, the
          account and its messages are lost.
        </p>
        <ErrorAlert error={register.error} />
        <ProgressStatus active={register.busy} progress={tracker.progress} idleText="Preparing…" />
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={register.busy}>
            Create account
          </button>
        </div>
      </form>
      <p class="auth__switch">
        Already have an account?{' '}
        <button type="button" class="link-button" onClick={onLogInInstead} disabled={register.busy}>
          Log in
        </button>
      </p>
    </AuthLayout>
  );
}
