import { useId } from 'preact/hooks';
import type { ThemeChoice } from '../preferences';

interface Props {
  readonly theme: ThemeChoice;
  readonly onChange: (theme: ThemeChoice) => void;
}

const CHOICES: readonly { readonly value: ThemeChoice; readonly label: string }[] = [
  { value: 'system', label: 'Same as my device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light or dark whatever the device says, or following it; remembered on this browser. */
export function AppearanceSection({ theme, onChange }: Props) {
  const id = useId();
  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Appearance</h3>
      <fieldset class="choice-group">
        <legend class="field__label">Theme</legend>
        {CHOICES.map((choice) => (
          <div class="checkbox" key={choice.value}>
            <input
              id={`${id}-${choice.value}`}
              type="radio"
              name={`${id}-theme`}
              value={choice.value}
              checked={theme === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <label for={`${id}-${choice.value}`}>{choice.label}</label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
