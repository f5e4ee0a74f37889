import { useId, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { useAsyncAction } from '../hooks';
import { ErrorAlert } from './error-alert';
import { LiveStatus } from './live-status';

interface Props {
  readonly session: MessengerSession;
  readonly blocked: readonly string[];
}

/** Every blocked address, also those whose chat was deleted: the only place to take a block back. */
export function BlockedSection({ session, blocked }: Props) {
  const id = useId();
  const [status, setStatus] = useState<string | null>(null);
  const unblock = useAsyncAction(async (address: string) => {
    setStatus(null);
    await session.unblockContact(address);
    setStatus(`You unblocked ${address}. To talk again, one of you sends a friend request.`);
  }, 'general');
  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Blocked</h3>
      {blocked.length === 0 ? (
        <p>You have not blocked anyone.</p>
      ) : (
        <ul class="settings__list">
          {blocked.map((address) => (
            <li key={address}>
              <span dir="auto">{address}</span>{' '}
              <button type="button" class="button button--quiet" disabled={unblock.busy} onClick={() => void unblock.run(address)} aria-label={`Unblock ${address}`}>
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="field__hint">Blocked addresses cannot send you messages or friend requests. Applies to all your devices.</p>
      <LiveStatus message={status} />
      <ErrorAlert error={unblock.error} />
    </section>
  );
}
