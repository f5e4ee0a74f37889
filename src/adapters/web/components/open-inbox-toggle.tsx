import { useEffect, useId, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { useAsyncAction } from '../hooks';
import { ErrorAlert } from './error-alert';
import { LiveStatus } from './live-status';
import { Switch } from './switch';

interface Props {
  readonly session: MessengerSession;
  readonly openInbox: boolean;
}

export function OpenInboxToggle({ session, openInbox }: Props) {
  const id = useId();
  const [status, setStatus] = useState<string | null>(null);
  const change = useAsyncAction(async (open: boolean) => {
    setStatus(null);
    await session.setOpenInbox(open);
    setStatus(open ? 'Your inbox is now open.' : 'Your inbox is now closed to strangers.');
  }, 'general');
  // This device learnt the setting when it signed in; another may have changed it since. Unanswered, the known value stays.
  useEffect(() => {
    session.refreshOpenInbox().catch(() => undefined);
  }, [session]);
  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Privacy</h3>
      <Switch
        id={id}
        label="Open inbox"
        checked={openInbox}
        disabled={change.busy}
        describedBy={`${id}-hint`}
        onToggle={(open) => void change.run(open)}
      />
      <p id={`${id}-hint`} class="field__hint">
        When open, anyone who knows your address can leave you encrypted messages without being your friend first.
        When closed (recommended), only friends can, each with their own revocable token.
      </p>
      <LiveStatus message={status} />
      <ErrorAlert error={change.error} />
    </section>
  );
}
