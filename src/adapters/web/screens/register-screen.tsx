import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MessengerError, type Messenger, type MessengerSession } from '../../../application/client/messenger';
import { checkAddressParts, normalizeServer, splitAddress } from '../address-input';
import { AddressFields } from '../components/address-fields';
import { AuthSwitch } from '../components/auth-switch';
import { LiveStatus } from '../components/live-status';
import { NewPasswordFields } from '../components/new-password-fields';
import { ScreenHeading } from '../components/screen-heading';
import { SubmitArea } from '../components/submit-area';
import { TextField } from '../components/text-field';
import { tooLongBy } from '../too-long';
import { WarningBanner } from '../components/warning-banner';
import type { WebEnvironment } from '../environment';
import { explainError, isInviteProblem } from '../error-messages';
import { useHomeServerDefault } from '../hooks';
import { loadPasswordDictionaries } from '../password-dictionaries';
import { checkNewPassword } from '../password-strength';
import type { ProgressChannel } from '../progress-channel';
import { useForm } from '../use-form';
import { useRegistrationMode } from '../use-registration-mode';
import { useSignIn } from '../use-sign-in';
import { AuthLayout } from './auth-layout';

interface Props {
  readonly messenger: Messenger;
  readonly environment: WebEnvironment;
  readonly notice: string | null;
  readonly onSignedIn: (session: MessengerSession, progress: ProgressChannel) => Promise<void>;
  readonly onLogInInstead: () => void;
}

export function RegisterScreen({ messenger, environment, notice, onSignedIn, onLogInInstead }: Props) {
  const remembered = splitAddress(environment.recallLastAddress() ?? '');
  const form = useForm({ name: '', server: remembered?.server ?? '', password: '', confirmation: '', invite: '' });
  useHomeServerDefault(environment, (host) => form.offer('server', host));
  const mode = useRegistrationMode(environment, form.values.server);
  // Also shown when registering turned out to need a code the server could not be asked about before.
  const [inviteAsked, setInviteAsked] = useState(false);
  const needsInvite = mode === 'invite' || inviteAsked;
  const register = useSignIn({
    entry: (address, password, options) => messenger.register(address, password, options),
    context: 'register',
    onSignedIn,
    onFailure: (failure) => {
      if (!(failure instanceof MessengerError)) return;
      // Said at the field to change, which takes the focus, rather than under the button.
      if (failure.code === 'name_taken') form.validate({ name: explainError(failure, 'register').message });
      if (!isInviteProblem(failure.code)) return;
      setInviteAsked(true);
      form.validate({ invite: explainError(failure, 'register').message });
    },
  });
  const shownAtField = (code: string | null) => isInviteProblem(code) || code === 'name_taken';
  // The form was disabled while it ran, which dropped focus to the page's body: a failure said under the button puts it
  // where the user acts next, the name when the server refused it, else the error (announced as the alert fills), with
  // Create account one Tab away. A failure said at its field moves focus there already.
  const nameRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (register.busy || register.error === null || shownAtField(register.error.code)) return;
    if (register.error.code === 'validation_failed') nameRef.current?.focus();
    else errorRef.current?.focus();
  }, [register.busy]);
  const inviteCode = form.values.invite.trim();
  // The longest code the server's register request takes: a longer one could only be refused.
  const inviteTooLong = tooLongBy(inviteCode, 256, 'an invite code');

  const submit = async (event: Event) => {
    event.preventDefault();
    // Taken before the wait: a default it puts in then would write over what is typed meanwhile.
    const values = form.submitted();
    await loadPasswordDictionaries();
    const { address, errors } = checkAddressParts(values);
    const valid = form.validate({
      ...errors,
      ...checkNewPassword(values.password, values.confirmation),
      invite: !needsInvite ? null : inviteCode === '' ? 'Enter the invite code you were given.' : inviteTooLong,
    });
    if (valid && address !== null) void register.run(address, values.password, needsInvite ? { inviteCode } : {});
  };

  return (
    <AuthLayout>
      <ScreenHeading>Create your account</ScreenHeading>
      <LiveStatus message={notice} />
      {mode === 'closed' && (
        <WarningBanner
          title="This server does not take new accounts"
          text={`${normalizeServer(form.values.server)} has closed registration. Log in if you already have an account there, or choose another server.`}
        />
      )}
      <form ref={form.formRef} class="form" onSubmit={(event) => void submit(event)} noValidate aria-busy={register.busy}>
        <AddressFields name={form.field('name')} server={form.field('server')} disabled={register.busy} nameRef={nameRef} />
        {needsInvite && (
          <TextField
            label="Invite code"
            {...form.field('invite')}
            error={form.field('invite').error ?? inviteTooLong}
            hint="This server takes new accounts by invitation: enter the code its operator gave you. Each code works once."
            autoComplete="off"
            required
            disabled={register.busy}
          />
        )}
        <NewPasswordFields
          password={form.field('password')}
          confirmation={form.field('confirmation')}
          labels={{ password: 'Password', confirmation: 'Repeat password' }}
          disabled={register.busy}
        />
        <p class="form__note">
          Your password never leaves this device. Nobody can reset it, not even your server: if you forget it, the
          account and its messages are lost.
        </p>
        <SubmitArea
          label="Create account"
          busy={register.busy}
          error={register.error !== null && shownAtField(register.error.code) ? null : register.error}
          progress={register.progress}
          disabled={mode === 'closed'}
          errorRef={errorRef}
        />
      </form>
      <AuthSwitch question="Already have an account?" action="Log in" onClick={onLogInInstead} disabled={register.busy} />
    </AuthLayout>
  );
}
