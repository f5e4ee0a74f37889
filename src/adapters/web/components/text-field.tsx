import type { Ref } from 'preact';
import { useId } from 'preact/hooks';
import { describedBy, FieldError } from './field-error';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly onFocus?: () => void;
  readonly onBlur?: () => void;
  readonly type?: 'text' | 'email' | 'url';
  readonly autoComplete?: string;
  readonly hint?: string;
  readonly error?: string | null;
  readonly required?: boolean;
  readonly disabled?: boolean;
  readonly placeholder?: string;
  readonly inputMode?: 'text' | 'url' | 'email' | 'numeric';
  readonly autoFocus?: boolean;
  readonly spellCheck?: boolean;
  readonly className?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
}

export function TextField(props: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div class={props.className ? `field ${props.className}` : 'field'}>
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <input
        ref={props.inputRef}
        id={id}
        class="field__input"
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onFocus={props.onFocus}
        onBlur={props.onBlur}
        autoComplete={props.autoComplete}
        autoCapitalize="off"
        autoCorrect="off"
        spellcheck={props.spellCheck ?? false}
        required={props.required}
        disabled={props.disabled}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint && hintId, props.error && errorId)}
      />
      {props.hint && (
        <p id={hintId} class="field__hint">
          {props.hint}
        </p>
      )}
      <FieldError id={errorId} error={props.error} />
    </div>
  );
}
