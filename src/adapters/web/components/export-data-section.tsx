import { useId, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { useAsyncAction } from '../hooks';
import { ErrorAlert } from './error-alert';
import { LiveStatus } from './live-status';

interface Props {
  readonly session: MessengerSession;
  readonly saveFile: (fileName: string, content: string, mimeType: string) => void;
}

export const exportFileName = (address: string, now: Date): string =>
  `starbase-${address.replace(/[^a-z0-9.-]/gi, '_')}-${now.toISOString().slice(0, 10)}.json`;

export function ExportDataSection({ session, saveFile }: Props) {
  const id = useId();
  const [status, setStatus] = useState<string | null>(null);
  const exportData = useAsyncAction(async () => {
    setStatus(null);
    const json = await session.exportData();
    const fileName = exportFileName(session.address, new Date());
    saveFile(fileName, json, 'application/json');
    setStatus(`Saved ${fileName}.`);
  }, 'general');
  return (
    <section class="settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Your data</h3>
      <p>
        Download everything your account holds — friends, conversations and settings — as a JSON file. It includes your
        private keys: keep it as safe as your password.
      </p>
      <div class="form-actions">
        <button type="button" class="button" disabled={exportData.busy} onClick={() => void exportData.run()}>
          Export my data
        </button>
      </div>
      <LiveStatus message={status} />
      <ErrorAlert error={exportData.error} />
    </section>
  );
}
