import { useState } from 'preact/hooks';
import type { AccountOverview, MessengerSession } from '../../../application/client/messenger';
import { AppearanceSection } from '../components/appearance-section';
import { BlockedSection } from '../components/blocked-section';
import { ChangePasswordForm } from '../components/change-password-form';
import { DeleteAccountForm } from '../components/delete-account-form';
import { ErrorAlert } from '../components/error-alert';
import { ExportDataSection } from '../components/export-data-section';
import { NotificationsSection } from '../components/notifications-section';
import { OpenInboxToggle } from '../components/open-inbox-toggle';
import { ReadReceiptsToggle } from '../components/read-receipts-toggle';
import { ScreenHeading } from '../components/screen-heading';
import { useAsyncAction } from '../hooks';
import { explainLeftBehind } from '../left-behind-notice';
import type { Preferences } from '../preferences';

interface Props {
  readonly session: MessengerSession;
  readonly overview: AccountOverview;
  readonly onSignedOut: (notice: string) => void;
  readonly onAccountDeleted: (leftBehind: string | null) => void;
  readonly saveFile: (fileName: string, content: string, mimeType: string) => void;
  readonly preferences: Preferences;
  readonly onPreferencesChange: (preferences: Preferences) => void;
}

export function SettingsScreen({ session, overview, onSignedOut, onAccountDeleted, saveFile, preferences, onPreferencesChange }: Props) {
  const [forgetBrowser, setForgetBrowser] = useState(false);
  // Out of this browser whatever the server does: what it could not be told, and what stayed here, is said on the Log in screen.
  const logOut = useAsyncAction(async () => {
    const left = explainLeftBehind(await session.logOut({ forgetBrowser }), 'signed-out');
    onSignedOut(left === null ? 'You have logged out.' : `You have logged out. ${left}`);
  }, 'general');
  return (
    <section class="settings">
      <ScreenHeading level={2}>Settings</ScreenHeading>
      <section class="settings__section" aria-labelledby="settings-account-heading">
        <h3 id="settings-account-heading">Account</h3>
        <p>
          Logged in as <strong>{session.address}</strong>.
        </p>
        <div class="checkbox">
          <input
            id="forget-browser"
            type="checkbox"
            checked={forgetBrowser}
            disabled={logOut.busy}
            aria-describedby="forget-browser-help"
            onChange={(event) => setForgetBrowser(event.currentTarget.checked)}
          />
          <label for="forget-browser">Forget this browser</label>
        </div>
        <p id="forget-browser-help" class="field__hint">
          Deletes the copy of your message history this browser keeps, so logging in here again downloads it from your server. Tick
          it on a computer you share.
        </p>
        <div class="form-actions">
          <button type="button" class="button" disabled={logOut.busy} aria-busy={logOut.busy} onClick={() => void logOut.run()}>
            {logOut.busy ? 'Logging out…' : 'Log out'}
          </button>
        </div>
        <ErrorAlert error={logOut.error} />
      </section>
      <AppearanceSection theme={preferences.theme} onChange={(theme) => onPreferencesChange({ ...preferences, theme })} />
      <NotificationsSection preferences={preferences} onChange={onPreferencesChange} />
      <OpenInboxToggle session={session} openInbox={overview.openInbox} />
      <ReadReceiptsToggle session={session} readReceipts={overview.readReceipts} />
      <BlockedSection session={session} blocked={overview.blocked} />
      <ChangePasswordForm session={session} />
      <ExportDataSection session={session} saveFile={saveFile} />
      <DeleteAccountForm session={session} onDeleted={onAccountDeleted} />
    </section>
  );
}
