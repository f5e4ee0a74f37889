import { useEffect, useId, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { SOLVE_BY_PROOF_OF_WORK, type CaptchaAnswer, type CaptchaSolver, type MessengerSession } from '../../../application/client/messenger';
import { checkAddress, serverOf } from '../address-input';
import { CaptchaChallenge } from '../components/captcha-challenge';
import { ErrorAlert } from '../components/error-alert';
import { describedBy, FieldError } from '../components/field-error';
import { LiveStatus } from '../components/live-status';
import { ProgressStatus } from '../components/progress-status';
import { ScreenHeading } from '../components/screen-heading';
import { TextField } from '../components/text-field';
import { explainError } from '../error-messages';
import { useChannelProgress } from '../hooks';
import type { ProgressChannel } from '../progress-channel';
import { tooLongBy } from '../too-long';
import { ADD_FRIEND_START, addFriendFlow, type AddFriendNotice } from './add-friend-flow';

interface Props {
  readonly session: MessengerSession;
  readonly progress: ProgressChannel;
  readonly ownAddress: string;
  readonly onOpenChat: (address: string) => void;
  /** The address a request is on its way to (captcha included), or null: it is not sent yet. */
  readonly onRequestUnderWay: (address: string | null) => void;
}

const NOTE_MAX_CHARACTERS = 280;
/** How long a wait on their server goes unexplained: about when a person starts to wonder. */
const SLOW_AFTER_MS = 4000;

const noteErrorOf = (note: string): string | null => tooLongBy(note, NOTE_MAX_CHARACTERS, 'a note');

const statusOf = (notice: AddFriendNotice | null): string | null => {
  if (notice?.kind === 'sent') return `Friend request sent to ${notice.address}. You can chat as soon as they accept.`;
  return notice?.kind === 'cancelled' ? 'Cancelled. No request was sent.' : null;
};

export function AddFriendScreen({ session, progress, ownAddress, onOpenChat, onRequestUnderWay }: Props) {
  const noteId = useId();
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [addressError, setAddressError] = useState<string | null>(null);
  const [{ attempt, stage }, dispatch] = useReducer(addFriendFlow, ADD_FRIEND_START);
  const addressInputFocus = useRef<HTMLDivElement>(null);
  const noteInput = useRef<HTMLTextAreaElement>(null);
  const noteError = noteErrorOf(note);
  const working = stage.kind === 'sending' || stage.kind === 'withdrawing';
  const cancelling = stage.kind === 'withdrawing' && stage.next === 'cancel';
  const powProgress = useChannelProgress(progress, working);
  const notice = stage.kind === 'form' ? stage.notice : null;
  const sentTo = stage.kind === 'form' ? stage.sentTo : null;
  const error = useMemo(() => (notice?.kind === 'failed' ? explainError(notice.failure, 'add-friend') : null), [notice]);
  const running = useRef<{ readonly attempt: number; readonly controller: AbortController } | null>(null);
  const [askingTheirServer, setAskingTheirServer] = useState(false);
  const [theirServerSlow, setTheirServerSlow] = useState(false);
  useEffect(() => {
    if (!askingTheirServer) return undefined;
    const timer = setTimeout(() => setTheirServerSlow(true), SLOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setTheirServerSlow(false);
    };
  }, [askingTheirServer]);

  // One call per attempt; the recipient is the one the attempt was submitted for.
  const recipient = stage.kind === 'form' ? null : stage.address;
  useEffect(() => {
    onRequestUnderWay(recipient);
    return () => onRequestUnderWay(null);
  }, [recipient]);
  useEffect(() => {
    if (attempt === 0 || recipient === null) return;
    const solveCaptcha: CaptchaSolver = (prompt) =>
      prompt.kind === 'image'
        ? new Promise<CaptchaAnswer>((resolve, reject) => dispatch({ type: 'captcha-asked', attempt, prompt, reply: { resolve, reject } }))
        : Promise.reject(new Error('Proof-of-work captchas are solved by the client core'));
    const controller = new AbortController();
    running.current = { attempt, controller };
    const onAskingTheirServer = (asking: boolean) => {
      if (running.current?.attempt === attempt) setAskingTheirServer(asking);
    };
    session.sendFriendRequest(recipient, note.trim(), solveCaptcha, { signal: controller.signal, onAskingTheirServer }).finally(() => onAskingTheirServer(false)).then(
      () => {
        setAddress('');
        setNote('');
        dispatch({ type: 'settled', attempt, outcome: { sent: true } });
      },
      (failure: unknown) => dispatch({ type: 'settled', attempt, outcome: { sent: false, failure } }),
    );
    // Only a new attempt makes a new call; the recipient and note are those of its submission.
  }, [attempt]);

  // A question nobody answered (turned down, or the screen left) is withdrawn; an answered one stays answered.
  const reply = stage.kind === 'captcha' ? stage.reply : null;
  useEffect(() => () => reply?.reject(new Error('The captcha was withdrawn')), [reply]);

  useEffect(() => {
    if (notice !== null && notice.kind !== 'sent') addressInputFocus.current?.querySelector('input')?.focus();
  }, [notice]);

  const cancel = () => {
    running.current?.controller.abort();
    dispatch({ type: 'cancelled' });
  };

  const answer = (value: CaptchaAnswer) => {
    reply?.resolve(value);
    dispatch({ type: 'answered' });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    // The previous attempt's outcome no longer holds once the user tries again.
    dispatch({ type: 'dismissed' });
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
    if (noteError !== null) {
      noteInput.current?.focus();
      return;
    }
    dispatch({ type: 'submitted', address: checked.value });
  };

  return (
    <section class="add-friend">
      <ScreenHeading level={2}>Add a friend</ScreenHeading>
      <p class="add-friend__intro">
        Enter their address. They receive your request with your note and decide whether to accept. Only then can you
        message each other.
      </p>
      <LiveStatus message={statusOf(notice)} />
      {sentTo !== null && (
        <div class="form-actions">
          <button type="button" class="button" onClick={() => onOpenChat(sentTo)}>
            Open conversation with {sentTo}
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
          onAnotherPicture={() => dispatch({ type: 'another-picture' })}
          onCancel={() => dispatch({ type: 'cancelled' })}
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
              ref={noteInput}
              id={noteId}
              class="field__input field__input--multiline"
              rows={3}
              value={note}
              disabled={working}
              aria-invalid={noteError === null ? undefined : 'true'}
              aria-describedby={describedBy(`${noteId}-hint`, noteError !== null && `${noteId}-error`)}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
            <p id={`${noteId}-hint`} class="field__hint">
              Tell them who you are. It is encrypted: only they can read it.
            </p>
            <FieldError id={`${noteId}-error`} error={noteError} />
          </div>
          <ErrorAlert error={error} />
          <ProgressStatus active={working} progress={powProgress} idleText={cancelling ? 'Cancelling…' : 'Sending your request…'} />
          {theirServerSlow && stage.kind === 'sending' && (
            <p class="add-friend__slow" role="status">
              {serverOf(stage.address)}, the server of {stage.address}, is slow to answer. Keep waiting, or cancel: what you typed stays here.
            </p>
          )}
          <div class="form-actions">
            <button type="submit" class="button button--primary" disabled={working}>
              Send friend request
            </button>
            {stage.kind === 'sending' && (
              <button type="button" class="button" onClick={cancel}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
