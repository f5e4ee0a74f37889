import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  // The pressed button was disabled, then went with its address: focus, dropped to the page's body, goes to the section's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const pressed = useRef(false);
  useLayoutEffect(() => {
    if (!pressed.current || unblock.busy) return;
    pressed.current = false;
    // The list is asked too: the button may still hold focus here, and be gone a moment later.
    const focused = document.activeElement;
    if (focused === null || focused === document.body || listRef.current?.contains(focused) === true) headingRef.current?.focus();
  });
  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 ref={headingRef} id={`${id}-heading`} tabIndex={-1}>
        Blocked
      </h3>
      {blocked.length === 0 ? (
        <p>You have not blocked anyone.</p>
      ) : (
        <ul ref={listRef} class="settings__list">
          {blocked.map((address) => (
            <li key={address}>
              <span dir="auto">{address}</span>{' '}
              <button
                type="button"
                class="button button--quiet"
                disabled={unblock.busy}
                onClick={() => {
                  pressed.current = true;
                  void unblock.run(address);
                }}
                aria-label={`Unblock ${address}`}
              >
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
