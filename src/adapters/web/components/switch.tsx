interface Props {
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  /** The id of the text that explains what the switch does. */
  readonly describedBy: string;
  readonly onToggle: (on: boolean) => void;
}

/** An on/off setting that takes effect at once (a checkbox announced as a switch). */
export function Switch({ id, label, checked, disabled = false, describedBy, onToggle }: Props) {
  return (
    <div class="toggle">
      <input
        id={id}
        class="toggle__input"
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(event) => onToggle(event.currentTarget.checked)}
      />
      <label class="toggle__label" for={id}>
        {label}
      </label>
    </div>
  );
}
