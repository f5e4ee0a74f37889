import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { KdfChange, Messenger, MessengerSession } from '../../../application/client/messenger';
import { checkAddressParts, serverOf, splitAddress } from '../address-input';
import { AddressFields } from '../components/address-fields';
import { AuthSwitch } from '../components/auth-switch';
import { KdfChangePrompt } from '../components/kdf-change-prompt';
import { LiveStatus } from '../components/live-status';
import { PasswordField } from '../components/password-field';
import { ScreenHeading } from '../components/screen-heading';
import { SubmitArea } from '../components/submit-area';
import type { WebEnvironment } from '../environment';
import { isCredentialProblem } from '../error-messages';
import { useHomeServerDefault } from '../hooks';
import type { ProgressChannel } from '../progress-channel';
import { useForm } from '../use-form';
import { useSignIn } from '../use-sign-in';
import { AuthLayout } from './auth-layout';

interface Props {
  readonly messenger: Messenger;
  readonly environment: WebEnvironment;
  readonly notice: string | null;
  readonly onSignedIn: (session: MessengerSession, progress: ProgressChannel) => Promise<void>;
  readonly onRegisterInstead: () => void;
}

export function LoginScreen({ messenger, environment, notice, onSignedIn, onRegisterInstead }: Props) {
  const remembered = splitAddress(environment.recallLastAddress() ?? '');
  const form = useForm({ name: remembered?.name ?? '', server: remembered?.server ?? '', password: '' });
  const [staySignedIn, setStaySignedIn] = useState(false);
  useHomeServerDefault(environment, (host) => form.offer('server', host));
  const [kdfQuestion, setKdfQuestion] = useState<{ readonly server: string; readonly change: KdfChange; readonly answer: (proceed: boolean) => void } | null>(null);
  const askAboutKdfChange = (server: string) => (change: KdfChange) =>
    new Promise<boolean>((resolve) =>
      setKdfQuestion({
        server,
        change,
        answer: (proceed) => {
          setKdfQuestion(null);
          resolve(proceed);
        },
      }),
    );
  const logIn = useSignIn({
    entry: (address, password, options) =>
      messenger.logIn(address, password, { ...options, confirmKdfChange: askAboutKdfChange(serverOf(address)) }),
    context: 'log-in',
    onSignedIn,
  });
  // The form was disabled while it ran, which dropped focus to the page's body: a failure puts it where the user acts next,
  // the password when it was refused, else the error (announced as the alert fills), with Log in one Tab away.
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  // How the last session ended ("You have logged out.") no longer holds above the error of a new try.
  const [outdatedNotice, setOutdatedNotice] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (logIn.busy || logIn.error === null) return;
    setOutdatedNotice(notice);
    if (isCredentialProblem(logIn.error.code)) {
      passwordRef.current?.focus();
      passwordRef.current?.select();
    } else errorRef.current?.focus();
  }, [logIn.busy]);

  const submit = (event: Event) => {
    event.preventDefault();
    const values = form.submitted();
    const { address, errors } = checkAddressParts(values);
    const valid = form.validate({ ...errors, password: values.password === '' ? 'Enter your password.' : null });
    if (valid && address !== null) void logIn.run(address, values.password, { staySignedIn });
  };

  return (
    <AuthLayout>
      <ScreenHeading>Log in</ScreenHeading>
      <LiveStatus message={notice === outdatedNotice ? null : notice} />
      <form ref={form.formRef} class="form" onSubmit={submit} noValidate aria-busy={logIn.busy}>
        <AddressFields name={form.field('name')} server={form.field('server')} disabled={logIn.busy} />
        <PasswordField label="Password" {...form.field('password')} autoComplete="current-password" disabled={logIn.busy} inputRef={passwordRef} />
        <div class="checkbox">
          <input
            id="stay-signed-in"
            type="checkbox"
            checked={staySignedIn}
            disabled={logIn.busy}
            aria-describedby="stay-signed-in-hint"
            onChange={(event) => setStaySignedIn(event.currentTarget.checked)}
          />
          <label for="stay-signed-in">Stay signed in on this browser</label>
        </div>
        <p id="stay-signed-in-hint" class="field__hint">
          Reloading or reopening the tab then signs you in without the password. Only on a device nobody else uses: anyone
          who can open this browser can read your messages until you log out.
        </p>
        <SubmitArea label="Log in" busy={logIn.busy} error={logIn.error} progress={logIn.progress} errorRef={errorRef} />
      </form>
      {kdfQuestion !== null && <KdfChangePrompt server={kdfQuestion.server} change={kdfQuestion.change} onAnswer={kdfQuestion.answer} />}
      <AuthSwitch question="New here?" action="Create an account" onClick={onRegisterInstead} disabled={logIn.busy} />
    </AuthLayout>
  );
}
