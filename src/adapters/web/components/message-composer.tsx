import { useId, useState } from 'preact/hooks';
import type { MessageRoom } from '../../../application/client/messenger';

interface Props {
  readonly recipient: string;
  readonly disabled: boolean;
  /** Text typed earlier (kept across a sign-in). */
  readonly initialDraft?: string;
  readonly onDraftChange?: (draft: string) => void;
  readonly measure: (body: string) => MessageRoom;
  readonly onSend: (body: string) => void;
}

/** The counter appears when this little room is left, so it does not distract in everyday use. */
const COUNTER_THRESHOLD_BYTES = 2000;

const roomText = (room: MessageRoom): string =>
  room.fits
    ? `${room.bytesLeft.toLocaleString('en')} characters left`
    : `${(-room.bytesLeft).toLocaleString('en')} characters too long: shorten it or split it into several messages`;

export function MessageComposer({ recipient, disabled, initialDraft = '', onDraftChange, measure, onSend }: Props) {
  const id = useId();
  const [draft, setDraftState] = useState(initialDraft);
  const room = measure(draft);
  const setDraft = (text: string) => {
    setDraftState(text);
    onDraftChange?.(text);
  };
  const send = () => {
    if (draft.trim() === '' || disabled || !room.fits) return;
    onSend(draft);
    setDraft('');
  };
  const showRoom = !room.fits || room.bytesLeft <= COUNTER_THRESHOLD_BYTES;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div class="composer__field">
        <label class="visually-hidden" for={id}>
          Message to {recipient}
        </label>
        <textarea
          id={id}
          class="composer__input"
          rows={2}
          value={draft}
          disabled={disabled}
          placeholder={disabled ? 'Messaging is not possible right now' : 'Write a message'}
          aria-describedby={`${id}-hint ${id}-room`}
          aria-invalid={room.fits ? undefined : true}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        <p id={`${id}-hint`} class="visually-hidden">
          Enter sends, Shift+Enter starts a new line.
        </p>
        <p id={`${id}-room`} class={`composer__room${room.fits ? '' : ' composer__room--over'}`} role={room.fits ? undefined : 'alert'} hidden={!showRoom}>
          {showRoom ? roomText(room) : ''}
        </p>
      </div>
      <button type="submit" class="button button--primary composer__send" disabled={disabled || draft.trim() === '' || !room.fits}>
        Send
      </button>
    </form>
  );
}
