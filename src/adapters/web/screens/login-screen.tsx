import { useState } from 'preact/hooks';
import type { Messenger, MessengerSession } from '../../../application/client/messenger';
import { checkName, checkServer, splitAddress } from '../address-input';
import { AddressFields } from '../components/address-fields';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { PasswordField } from '../components/password-field';
import { ProgressStatus } from '../components/progress-status';
import { ScreenHeading } from '../components/screen-heading';
import type { WebEnvironment } from '../environment';
import { useAsyncAction, useDefaultServer, useFocusFirstInvalid, useProgressTracker } from '../hooks';
import { ProgressChannel } from '../progress-channel';
import { AuthLayout } from './auth-layout';

interface Props {
  readonly messenger: Messenger;
  readonly environment: WebEnvironment;
  readonly notice: string | null;
  readonly onSignedIn: (session: MessengerSession, progress: ProgressChannel) => void;
  readonly onRegisterInstead: () => void;
}

interface FieldErrors {
  readonly name: string | null;
  readonly server: string | null;
  readonly password: string | null;
}

const NO_ERRORS: FieldErrors = { name: null, server: null, password: null };

export function LoginScreen({ messenger, environment, notice, onSignedIn, onRegisterInstead }: Props) {
  const remembered = splitAddress(environment.recallLastAddress() ?? '');
  const [name, setName] = useState(remembered?.name ?? '');
  const [server, setServer] = useDefaultServer(environment, remembered?.server ?? null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const formRef = useFocusFirstInvalid(attempt);
  const tracker = useProgressTracker();


  const logIn = useAsyncAction(async (address: string, secret: string) => {
    const channel = new ProgressChannel();
    const stop = channel.subscribe(tracker.listener);
    try {
      const session = await messenger.logIn(address, secret, { allowHttp: environment.allowHttp, onProgress: channel.report });
      onSignedIn(session, channel);
    } finally {
      stop();
      tracker.reset();
    }
  }, 'log-in');

  const submit = (event: Event) => {
    event.preventDefault();
    const checkedName = checkName(name);
    const checkedServer = checkServer(server);
    const found: FieldErrors = {
      name: checkedName.ok ? null : checkedName.error,
      server: checkedServer.ok ? null : checkedServer.error,
      password: password === '' ? 'Enter your password.' : null,
    };
    setErrors(found);
    setAttempt(attempt + 1);
    if (!checkedName.ok || !checkedServer.ok || found.password !== null) return;
    void logIn.run(`${checkedName.value}@${checkedServer.value}`, password);
  };

  return (
    <AuthLayout>
      <ScreenHeading>Log in</ScreenHeading>
      <LiveStatus message={notice} />
      <form ref={formRef} class="form" onSubmit={submit} noValidate aria-busy={logIn.busy}>
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
          disabled={logIn.busy}
          nameAutoComplete="username"
        />
        <PasswordField
          label="Password"
          value={password}
          onInput={(value) => {
            setPassword(value);
            setErrors({ ...errors, password: null });
          }}
          autoComplete="current-password"
          error={errors.password}
          disabled={logIn.busy}
        />
        <ErrorAlert error={logIn.error} />
        <ProgressStatus active={logIn.busy} progress={tracker.progress} idleText="Preparing…" />
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={logIn.busy}>
            Log in
          </button>
        </div>
      </form>
      <p class="auth__switch">
        New here?{' '}
        <button type="button" class="link-button" onClick={onRegisterInstead} disabled={logIn.busy}>
          Create an account
        </button>
      </p>
    </AuthLayout>
  );
}
