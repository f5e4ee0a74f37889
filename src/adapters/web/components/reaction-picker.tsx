import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { QUICK_REACTIONS, singleEmoji } from '../reaction-emoji';

interface Props {
  readonly onPick: (emoji: string) => void;
  readonly onClose: () => void;
}

/** A handful of common reactions, plus a field for any other single emoji. */
export function ReactionPicker({ onPick, onClose }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, []);

  const pickTyped = () => {
    const emoji = singleEmoji(typed);
    if (emoji === null) {
      setInvalid(true);
      return;
    }
    onPick(emoji);
  };

  return (
    <div
      ref={ref}
      class="reaction-picker"
      role="dialog"
      aria-label="React to this message"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="reaction-picker__quick" role="group" aria-label="Common reactions">
        {QUICK_REACTIONS.map((emoji) => (
          <button key={emoji} type="button" class="reaction-picker__emoji" aria-label={`React with ${emoji}`} onClick={() => onPick(emoji)}>
            {emoji}
          </button>
        ))}
      </div>
      <form
        class="reaction-picker__other"
        onSubmit={(event) => {
          event.preventDefault();
          pickTyped();
        }}
      >
        <label for={id}>Any emoji</label>
        <input
          id={id}
          class="reaction-picker__input"
          type="text"
          inputMode="text"
          autoComplete="off"
          value={typed}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onInput={(event) => {
            setTyped(event.currentTarget.value);
            setInvalid(false);
          }}
        />
        <button type="submit" class="button button--small">
          React
        </button>
        <button type="button" class="button button--small button--quiet" onClick={onClose}>
          Cancel
        </button>
        {invalid && (
          <p id={`${id}-error`} class="field__error" role="alert">
            Type one emoji.
          </p>
        )}
      </form>
    </div>
  );
}
