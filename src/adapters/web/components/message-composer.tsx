import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { DraftEdit, MessageRoom } from '../../../application/client/messenger';

/** A message the composer is replying to or editing, as the strip above the text field shows it. */
export interface ComposerTarget {
  readonly id: string;
  readonly body: string;
  /** What the strip shows of it: its text, or its files' names when it has none. */
  readonly quote: string;
  /** Whose message it is, in words ("you", "bob@example.org"). */
  readonly author: string;
}

export type ComposerMode = { readonly kind: 'reply'; readonly target: ComposerTarget } | { readonly kind: 'edit'; readonly target: ComposerTarget } | null;

interface Props {
  readonly recipient: string;
  readonly disabled: boolean;
  /** Text typed earlier (kept across a sign-in). */
  readonly initialDraft?: string;
  readonly onDraftChange?: (draft: string) => void;
  /** The edit under way kept earlier: while the mode edits its message, the field starts from this text (from the message's own when empty). */
  readonly initialEdit?: DraftEdit | undefined;
  readonly onEditChange?: (messageId: string, text: string) => void;
  readonly measure: (body: string) => MessageRoom;
  readonly onSend: (body: string) => void;
  readonly mode?: ComposerMode;
  /** The new text of the message being edited. */
  readonly onEdit?: (id: string, body: string) => void;
  /** Escape or × on the strip: stop replying or editing. */
  readonly onCancelMode?: () => void;
  /** Up arrow in an empty field: edit the last own message. */
  readonly onEditLast?: () => void;
}

/** The counter appears when this little room is left, so it does not distract in everyday use. */
const COUNTER_THRESHOLD_BYTES = 2000;

const roomText = (room: MessageRoom): string =>
  room.fits
    ? `${room.bytesLeft.toLocaleString('en')} characters left`
    : `${(-room.bytesLeft).toLocaleString('en')} characters too long: shorten it or split it into several messages`;

const QUOTE_CHARS = 140;
export const excerpt = (body: string, chars = QUOTE_CHARS): string => {
  const flat = body.replace(/\s+/g, ' ').trim();
  const characters = [...flat];
  return characters.length <= chars ? flat : `${characters.slice(0, chars - 1).join('')}…`;
};

export function MessageComposer({ recipient, disabled, initialDraft = '', onDraftChange, initialEdit, onEditChange, measure, onSend, mode = null, onEdit, onCancelMode, onEditLast }: Props) {
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraftState] = useState(initialDraft);
  /** The edited text, for the message it belongs to: another message to edit starts from its own body. */
  const [edited, setEdited] = useState<{ readonly id: string; readonly text: string } | null>(initialEdit === undefined || initialEdit.text === '' ? null : { id: initialEdit.messageId, text: initialEdit.text });
  const editing = mode?.kind === 'edit' ? mode.target : null;
  const modeKey = mode === null ? null : `${mode.kind}:${mode.target.id}`;

  // A mode the chat opened with (kept in the draft) leaves focus where opening a chat puts it.
  const focusedModeKey = useRef(modeKey);
  useEffect(() => {
    if (modeKey !== null && modeKey !== focusedModeKey.current) inputRef.current?.focus();
    focusedModeKey.current = modeKey;
    // An edit that ended takes its text along: editing that message again starts from its body, as the kept draft does.
    if (editing === null) setEdited(null);
  }, [modeKey]);

  const text = editing === null ? draft : edited?.id === editing.id ? edited.text : editing.body;
  const room = measure(text);
  const setDraft = (value: string) => {
    setDraftState(value);
    onDraftChange?.(value);
  };
  const setText = (value: string) => {
    if (editing === null) return setDraft(value);
    setEdited({ id: editing.id, text: value });
    onEditChange?.(editing.id, value);
  };
  const submit = () => {
    if (text.trim() === '' || disabled || !room.fits) return;
    if (editing !== null) {
      if (text !== editing.body) onEdit?.(editing.id, text);
      else onCancelMode?.();
      return;
    }
    onSend(text);
    setDraft('');
  };
  const showRoom = !room.fits || room.bytesLeft <= COUNTER_THRESHOLD_BYTES;
  return (
    <form
      class={`composer${mode === null ? '' : ' composer--with-strip'}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {mode !== null && (
        <div class="composer__strip" id={`${id}-strip`}>
          <p class="composer__strip-text">
            <span class="composer__strip-title">{mode.kind === 'reply' ? `Replying to ${mode.target.author}` : 'Editing your message'}</span>
            <span class="composer__strip-quote" dir="auto">
              {excerpt(mode.target.quote)}
            </span>
          </p>
          <button type="button" class="button button--quiet composer__strip-cancel" aria-label={mode.kind === 'reply' ? 'Cancel reply' : 'Cancel editing'} onClick={() => onCancelMode?.()}>
            ×
          </button>
        </div>
      )}
      <div class="composer__row">
        <div class="composer__field">
          <label class="visually-hidden" for={id}>
            Message to {recipient}
          </label>
          <textarea
            ref={inputRef}
            id={id}
            class="composer__input"
            rows={2}
            dir="auto"
            value={text}
            disabled={disabled}
            placeholder={disabled ? 'Messaging is not possible right now' : editing !== null ? 'Edit your message' : 'Write a message'}
            aria-describedby={`${mode === null ? '' : `${id}-strip `}${id}-hint ${id}-room`}
            aria-invalid={room.fits ? undefined : true}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                submit();
              } else if (event.key === 'Escape' && mode !== null) {
                event.preventDefault();
                onCancelMode?.();
              } else if (event.key === 'ArrowUp' && text === '' && mode?.kind !== 'edit' && onEditLast !== undefined) {
                event.preventDefault();
                onEditLast();
              }
            }}
          />
          <p id={`${id}-hint`} class="visually-hidden">
            Enter sends, Shift+Enter starts a new line. Up arrow in an empty field edits your last message; Escape cancels a reply or an edit.
          </p>
          <p id={`${id}-room`} class={`composer__room${room.fits ? '' : ' composer__room--over'}`} role={room.fits ? undefined : 'alert'} hidden={!showRoom}>
            {showRoom ? roomText(room) : ''}
          </p>
        </div>
        <button type="submit" class="button button--primary composer__send" disabled={disabled || text.trim() === '' || !room.fits}>
          {editing !== null ? 'Save' : 'Send'}
        </button>
      </div>
    </form>
  );
}
