import type { ComponentChildren, Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { describedBy, FieldError } from './field-error';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly autoComplete: 'current-password' | 'new-password';
  readonly error?: string | null;
  readonly disabled?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
  /** Extra description below the field (the strength meter), linked for screen readers. */
  readonly children?: ComponentChildren;
}

export function PasswordField(props: Props) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  const detailsId = `${id}-details`;
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <div class="password-field">
        <input
          ref={props.inputRef}
          id={id}
          class="field__input password-field__input"
          type={visible ? 'text' : 'password'}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          autoComplete={props.autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellcheck={false}
          required
          disabled={props.disabled}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(Boolean(props.children) && detailsId, props.error && errorId)}
        />
        <button
          type="button"
          class="button button--quiet password-field__toggle"
          aria-pressed={visible}
          aria-label={`Show ${props.label.toLowerCase()}`}
          onClick={() => setVisible(!visible)}
          disabled={props.disabled}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      </div>
      {props.children && (
        <div id={detailsId} class="field__hint">
          {props.children}
        </div>
      )}
      <FieldError id={errorId} error={props.error} />
    </div>
  );
}
