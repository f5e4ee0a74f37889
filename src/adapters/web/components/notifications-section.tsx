import { useId, useState } from 'preact/hooks';
import type { Preferences } from '../preferences';
import { LiveStatus } from './live-status';
import { Switch } from './switch';

interface Props {
  readonly preferences: Preferences;
  readonly onChange: (preferences: Preferences) => void;
}

const supported = (): boolean => typeof Notification !== 'undefined';

/** Desktop notifications: the browser asks for permission only when the user turns them on here. */
export function NotificationsSection({ preferences, onChange }: Props) {
  const id = useId();
  const [status, setStatus] = useState<string | null>(null);

  const turn = async (on: boolean) => {
    setStatus(null);
    if (!on) {
      onChange({ ...preferences, notifications: false });
      return;
    }
    const permission = await Notification.requestPermission();
    if (permission === 'granted') {
      onChange({ ...preferences, notifications: true });
      setStatus('Notifications are on for messages that arrive while starbase is in the background.');
    } else {
      onChange({ ...preferences, notifications: false });
      setStatus('Your browser blocks notifications for this site. Allow them in its site settings, then try again.');
    }
  };

  if (!supported()) return null;
  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Notifications</h3>
      <Switch
        id={id}
        label="Desktop notifications"
        checked={preferences.notifications}
        describedBy={`${id}-hint`}
        onToggle={(on) => void turn(on)}
      />
      <p id={`${id}-hint`} class="field__hint">
        Shows “New message from …” when a message arrives while this tab is in the background. The unread count is
        always in the tab's title.
      </p>
      <div class="checkbox">
        <input
          id={`${id}-text`}
          type="checkbox"
          checked={preferences.notificationText}
          disabled={!preferences.notifications}
          onChange={(event) => onChange({ ...preferences, notificationText: event.currentTarget.checked })}
        />
        <label for={`${id}-text`}>Include the message text (anyone who can see your screen can read it)</label>
      </div>
      <LiveStatus message={status} />
    </section>
  );
}
