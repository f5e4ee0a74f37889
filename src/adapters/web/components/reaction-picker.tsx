import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { QUICK_REACTIONS, singleEmoji } from '../reaction-emoji';

interface Props {
  readonly onPick: (emoji: string) => void;
  /** `refocus` false: closed by a tap elsewhere, which has put focus where it belongs. */
  readonly onClose: (refocus: boolean) => void;
}

/** A handful of common reactions, plus a field for any other single emoji. */
export function ReactionPicker({ onPick, onClose }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);

  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    // A tap outside closes it, as it does the message menu; focus then goes where the tap put it.
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target !== null && !ref.current?.contains(target)) close.current(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
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
          onClose(true);
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
        <button type="button" class="button button--small button--quiet" onClick={() => onClose(true)}>
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
