import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { useAsyncAction } from '../hooks';
import { useFocusBackOnFailure } from '../use-confirm-focus';
import { ErrorAlert } from './error-alert';

interface Props {
  readonly session: MessengerSession;
  readonly address: string;
  /** Answered either way: blocked, or kept. */
  readonly onClose: () => void;
}

/**
 * Whether the confirm shows; once it is answered, focus goes back to the Block button in the same
 * commit, or to `afterBlocking` (what says they are blocked) when the answer took the button away.
 */
export function useBlockPrompt(afterBlocking: RefObject<HTMLElement>) {
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useLayoutEffect(() => {
    if (!confirming && asked.current) (buttonRef.current ?? afterBlocking.current)?.focus();
    asked.current = confirming;
  }, [confirming]);
  return { confirming, buttonRef, open: () => setConfirming(true), close: () => setConfirming(false) };
}

/** "Block …?" asked inline in a chat; focus starts on the safe answer. */
export function BlockConfirm({ session, address, onClose }: Props) {
  const keepRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => keepRef.current?.focus(), []);
  const block = useAsyncAction(async () => {
    await session.blockContact(address, { tellInBackground: true });
    onClose();
  }, 'request');
  const blockButtonRef = useFocusBackOnFailure(block);
  return (
    <div class="confirm" role="group" aria-label="Confirm blocking" aria-busy={block.busy}>
      <p>Block {address}? They can no longer send you messages or friend requests. You will no longer be friends.</p>
      <div class="form-actions">
        <button ref={blockButtonRef} type="button" class="button button--danger" disabled={block.busy} onClick={() => void block.run()}>
          Block {address}
        </button>
        <button ref={keepRef} type="button" class="button" disabled={block.busy} onClick={onClose}>
          Keep
        </button>
      </div>
      <ErrorAlert error={block.error} />
    </div>
  );
}
