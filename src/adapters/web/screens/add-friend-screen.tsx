import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  SOLVE_BY_PROOF_OF_WORK,
  type CaptchaAnswer,
  type CaptchaPrompt,
  type CaptchaSolver,
  type MessengerSession,
} from '../../../application/client/messenger';
import { checkAddress } from '../address-input';
import { CaptchaChallenge } from '../components/captcha-challenge';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { ProgressStatus } from '../components/progress-status';
import { ScreenHeading } from '../components/screen-heading';
import { TextField } from '../components/text-field';
import { explainError, type ExplainedError } from '../error-messages';
import { useChannelProgress } from '../hooks';
import type { ProgressChannel } from '../progress-channel';

interface Props {
  readonly session: MessengerSession;
  readonly progress: ProgressChannel;
  readonly ownAddress: string;
  readonly onOpenChat: (address: string) => void;
}

type ImagePrompt = Extract<CaptchaPrompt, { kind: 'image' }>;

type Stage =
  | { readonly kind: 'form' }
  | { readonly kind: 'working'; readonly address: string }
  | { readonly kind: 'captcha'; readonly address: string; readonly prompt: ImagePrompt }
  | { readonly kind: 'sent'; readonly address: string };

/** Rejects the solver's promise when the user gives up on the puzzle. */
class CaptchaCancelled extends Error {
  /** True when the user asked for another picture rather than giving up. */
  constructor(readonly wantsAnother = false) {
    super('The user cancelled the captcha');
    this.name = 'CaptchaCancelled';
  }
}

interface PendingAnswer {
  resolve(answer: CaptchaAnswer): void;
  reject(reason: Error): void;
}

export function AddFriendScreen({ session, progress, ownAddress, onOpenChat }: Props) {
  const noteId = useId();
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [addressError, setAddressError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [error, setError] = useState<ExplainedError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const pending = useRef<PendingAnswer | null>(null);
  const addressInputFocus = useRef<HTMLDivElement>(null);
  const powProgress = useChannelProgress(progress, stage.kind === 'working');

  useEffect(() => () => pending.current?.reject(new CaptchaCancelled()), []);

  const solveCaptcha = (recipient: string): CaptchaSolver => (prompt) => {
    if (prompt.kind !== 'image') return Promise.reject(new Error('Proof-of-work captchas are solved by the client core'));
    return new Promise<CaptchaAnswer>((resolve, reject) => {
      pending.current = { resolve, reject };
      setStage({ kind: 'captcha', address: recipient, prompt });
    });
  };

  const answer = (value: CaptchaAnswer) => {
    if (stage.kind !== 'captcha') return;
    setStage({ kind: 'working', address: stage.address });
    pending.current?.resolve(value);
    pending.current = null;
  };

  const cancel = (wantsAnother: boolean) => {
    pending.current?.reject(new CaptchaCancelled(wantsAnother));
    pending.current = null;
  };

  const send = async (recipient: string) => {
    setError(null);
    setStatus(null);
    setStage({ kind: 'working', address: recipient });
    try {
      await session.sendFriendRequest(recipient, note.trim(), solveCaptcha(recipient));
      setStage({ kind: 'sent', address: recipient });
      setStatus(`Friend request sent to ${recipient}. You can chat as soon as they accept.`);
      setAddress('');
      setNote('');
    } catch (failure) {
      if (failure instanceof CaptchaCancelled && failure.wantsAnother) {
        await send(recipient);
        return;
      }
      setStage({ kind: 'form' });
      if (failure instanceof CaptchaCancelled) setStatus('Cancelled. No request was sent.');
      else setError(explainError(failure, 'add-friend'));
      addressInputFocus.current?.querySelector('input')?.focus();
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    // The previous attempt's outcome no longer holds once the user tries again.
    setError(null);
    setStatus(null);
    const checked = checkAddress(address);
    if (!checked.ok) {
      setAddressError(checked.error);
      addressInputFocus.current?.querySelector('input')?.focus();
      return;
    }
    if (checked.value === ownAddress) {
      setAddressError('That is your own address.');
      addressInputFocus.current?.querySelector('input')?.focus();
      return;
    }
    setAddressError(null);
    void send(checked.value);
  };

  const working = stage.kind === 'working';

  return (
    <section class="add-friend">
      <ScreenHeading level={2}>Add a friend</ScreenHeading>
      <p class="add-friend__intro">
        Enter their address. They receive your request with your note and decide whether to accept. Only then can you
        message each other.
      </p>
      <LiveStatus message={status} />
      {stage.kind === 'sent' && (
        <div class="form-actions">
          <button type="button" class="button" onClick={() => onOpenChat(stage.address)}>
            Open conversation with {stage.address}
          </button>
        </div>
      )}
      {stage.kind === 'captcha' ? (
        <CaptchaChallenge
          key={stage.prompt.image}
          prompt={stage.prompt}
          recipient={stage.address}
          onAnswer={answer}
          onProofOfWork={() => answer(SOLVE_BY_PROOF_OF_WORK)}
          onAnotherPicture={() => cancel(true)}
          onCancel={() => cancel(false)}
        />
      ) : (
        <form class="form" onSubmit={submit} noValidate aria-busy={working}>
          <div ref={addressInputFocus}>
            <TextField
              label="Their address"
              value={address}
              onInput={setAddress}
              inputMode="email"
              placeholder="name@server"
              hint="For example bob@chat.example.org"
              error={addressError}
              disabled={working}
              required
            />
          </div>
          <div class="field">
            <label class="field__label" for={noteId}>
              Note (optional)
            </label>
            <textarea
              id={noteId}
              class="field__input field__input--multiline"
              rows={3}
              maxLength={280}
              value={note}
              disabled={working}
              aria-describedby={`${noteId}-hint`}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
            <p id={`${noteId}-hint`} class="field__hint">
              Tell them who you are. It is encrypted: only they can read it.
            </p>
          </div>
          <ErrorAlert error={error} />
          <ProgressStatus active={working} progress={powProgress} idleText="Sending your request…" />
          <div class="form-actions">
            <button type="submit" class="button button--primary" disabled={working}>
              Send friend request
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
