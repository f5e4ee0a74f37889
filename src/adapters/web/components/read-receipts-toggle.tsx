import { useId, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { useAsyncAction } from '../hooks';
import { ErrorAlert } from './error-alert';
import { LiveStatus } from './live-status';
import { Switch } from './switch';

interface Props {
  readonly session: MessengerSession;
  readonly readReceipts: boolean;
}

/** Read receipts are reciprocal (PROTOCOL §11): one switch sends ours and shows the friends'. */
export function ReadReceiptsToggle({ session, readReceipts }: Props) {
  const id = useId();
  const [status, setStatus] = useState<string | null>(null);
  const change = useAsyncAction(async (on: boolean) => {
    setStatus(null);
    await session.setReadReceipts(on);
    setStatus(on ? 'Read receipts are on.' : 'Read receipts are off.');
  }, 'general');
  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Read receipts</h3>
      <Switch
        id={id}
        label="Send and show read receipts"
        checked={readReceipts}
        disabled={change.busy}
        describedBy={`${id}-hint`}
        onToggle={(on) => void change.run(on)}
      />
      <p id={`${id}-hint`} class="field__hint">
        When on, your friends see “Read” once you have opened their messages, and you see the same for theirs — if they turned
        it on too. When off, neither side is told. Applies to all your devices.
      </p>
      <LiveStatus message={status} />
      <ErrorAlert error={change.error} />
    </section>
  );
}
