import { useId, useState } from 'preact/hooks';

interface Props {
  readonly recipient: string;
  readonly disabled: boolean;
  readonly onSend: (body: string) => void;
}

export function MessageComposer({ recipient, disabled, onSend }: Props) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const send = () => {
    if (draft.trim() === '' || disabled) return;
    onSend(draft);
    setDraft('');
  };
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
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
        aria-describedby={`${id}-hint`}
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
      <button type="submit" class="button button--primary composer__send" disabled={disabled || draft.trim() === ''}>
        Send
      </button>
    </form>
  );
}
