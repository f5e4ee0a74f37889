import { useLayoutEffect, useRef } from 'preact/hooks';
import type { KdfChange } from '../../../application/client/messenger';

interface Props {
  readonly server: string;
  readonly change: KdfChange;
  readonly onAnswer: (proceed: boolean) => void;
}

const costText = (cost: KdfChange['before']): string =>
  `${Math.round(cost.memoryKiB / 1024)} MiB, ${cost.iterations} passes, ${cost.parallelism} lane${cost.parallelism === 1 ? '' : 's'}`;

/** Asked before the password is used with parameters the server changed (issue 11 F12). */
export function KdfChangePrompt({ server, change, onAnswer }: Props) {
  // An alertdialog takes focus as it opens (the log-in form under it is disabled, which drops it to the page's body):
  // the safe answer gets it, so Enter pressed out of habit uses nothing of the password.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => cancelRef.current?.focus(), []);
  // A password changed elsewhere keeps the costs: the same numbers twice would read as a change that is not one.
  const sameCost = costText(change.before) === costText(change.after);
  const changed = !change.saltChanged ? 'other password settings' : sameCost ? 'a different password salt' : 'a different password salt and settings';
  return (
    <div class="confirm" role="alertdialog" aria-labelledby="kdf-change-heading" aria-describedby="kdf-change-text">
      <h2 id="kdf-change-heading">Your password settings changed on the server</h2>
      <div id="kdf-change-text">
        <p>
          {server} now uses {changed} than the last time you logged in on this browser
          {sameCost ? '' : ` (${costText(change.before)} before, ${costText(change.after)} now)`}. Nothing has been sent yet.
        </p>
        <p>
          If you changed your password on another device, continue. If you did not, the server may be trying to learn something about your
          password: cancel, and log in from a device you trust.
        </p>
      </div>
      <div class="form-actions">
        <button type="button" class="button button--primary" onClick={() => onAnswer(true)}>
          I changed it — continue
        </button>
        <button ref={cancelRef} type="button" class="button" onClick={() => onAnswer(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
