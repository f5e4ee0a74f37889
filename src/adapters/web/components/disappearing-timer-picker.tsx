import { useId } from 'preact/hooks';
import { TimerIcon } from './timer-icon';
import { durationText, TIMER_CHOICES } from '../disappearing-timer';

interface Props {
  readonly friend: string;
  readonly seconds: number | null;
  readonly disabled: boolean;
  readonly onChange: (seconds: number | null) => void;
}

/** The chat header's disappearing-messages timer: the choice goes to the friend as a notice both sides show. */
export function DisappearingTimerPicker({ friend, seconds, disabled, onChange }: Props) {
  const id = useId();
  // A friend's client may have picked a time this menu does not offer: it is shown as it is.
  const choices = TIMER_CHOICES.some((choice) => choice.seconds === seconds) ? TIMER_CHOICES : [...TIMER_CHOICES, { seconds, label: durationText(seconds ?? 0) }];
  return (
    <div class="timer-picker">
      <label for={id} class="timer-picker__label">
        <TimerIcon /> Disappearing messages
      </label>
      <select
        id={id}
        class="timer-picker__select"
        value={seconds === null ? 'off' : String(seconds)}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const value = event.currentTarget.value;
          onChange(value === 'off' ? null : Number(value));
        }}
      >
        {choices.map((choice) => (
          <option key={choice.label} value={choice.seconds === null ? 'off' : String(choice.seconds)}>
            {choice.label}
          </option>
        ))}
      </select>
      {/* Said aloud always, shown once a timer is on: in most chats it would only take room. */}
      <p id={`${id}-hint`} class={seconds === null ? 'visually-hidden' : 'timer-picker__hint'}>
        New messages disappear from both sides' devices this long after they are read. {friend} can always copy what they saw.
      </p>
    </div>
  );
}
