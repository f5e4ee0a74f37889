import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { HistorySearch } from '../components/history-search';
import { WarningBanner } from '../components/warning-banner';
import { endsSession, explainError, isDeviceStorageProblem, type ExplainedError } from '../error-messages';
import { useOverview } from '../hooks';
import type { Drafts } from '../drafts';
import type { Preferences } from '../preferences';
import type { ProgressChannel } from '../progress-channel';
import { useBackgroundAwareness } from '../use-background-awareness';
import { AddFriendScreen } from './add-friend-screen';
import { ChatScreen } from './chat-screen';
import { ContactsPane } from './contacts-pane';
import { HomePane } from './home-pane';
import { SafetyNumberScreen } from './safety-number-screen';
import { HOME } from './session-view';
import { sessionUploads } from '../session-uploads';
import { SettingsScreen } from './settings-screen';
import { useViewHistory } from './use-view-history';

interface Props {
  readonly session: MessengerSession;
  readonly progress: ProgressChannel;
  readonly drafts: Drafts;
  /** The drafts the device kept could not be read: none is kept this session. */
  readonly draftsUnread: boolean;
  /** The user read that drafts are not kept and dismissed it. */
  readonly onDraftsUnreadDismissed: () => void;
  /** `keepDrafts`: the session ended by itself, so what was typed waits for the next sign-in. */
  readonly onSignedOut: (notice: string, keepDrafts?: boolean) => void;
  /** `leftBehind`: what this browser's storage failed to delete, said where the user lands. */
  readonly onAccountDeleted: (leftBehind: string | null) => void;
  readonly saveFile: (fileName: string, content: string, mimeType: string) => void;
  readonly preferences: Preferences;
  readonly onPreferencesChange: (preferences: Preferences) => void;
}

/** Said when the session could not be renewed: the password changed (or the account was deleted) elsewhere. */
export const REVOKED_NOTICE =
  'You changed your password on another device (or deleted this account there), so this session ended. Sign in again: what you typed is kept.';

/** Said for the whole session when the drafts kept on this browser could not be read. */
export const DRAFTS_UNREAD_NOTICE = {
  title: 'Drafts are not kept on this browser',
  text: 'Its storage could not be read: drafts kept earlier are not shown, and what you type is lost if you close or reload the page. Send it before you leave.',
} as const;

export function SessionScreen({ session, progress, drafts, draftsUnread, onDraftsUnreadDismissed, onSignedOut, onAccountDeleted, saveFile, preferences, onPreferencesChange }: Props) {
  const overview = useOverview(session);
  useBackgroundAwareness(overview, preferences);
  const [view, navigate] = useViewHistory(session.address);
  const [syncError, setSyncError] = useState<ExplainedError | null>(null);
  // What this browser's storage failed at stays until the user dismisses it: a later sync, failing or not, says nothing about it.
  const [storageFailures, setStorageFailures] = useState<readonly ExplainedError[]>([]);
  // Said for the whole session: signed in regardless, for this page only or with an older kept sign-in left behind.
  const keptSignInFailure = useMemo(() => (session.keptSignInFailure === null ? null : explainError(session.keptSignInFailure, 'general').message), [session]);
  const [keptSignInFailureRead, setKeptSignInFailureRead] = useState(false);
  const [requestUnderWay, setRequestUnderWay] = useState<string | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const signOut = useRef(onSignedOut);
  signOut.current = onSignedOut;

  // On a phone the home view shows only the contact list: its heading takes the focus instead.
  useLayoutEffect(() => {
    if (view.kind === 'home' && mainRef.current?.offsetParent === null) document.getElementById('friends-heading')?.focus();
  }, [view]);

  useEffect(() => {
    const warn = (error: unknown) => {
      const explained = explainError(error, 'sync');
      if (!isDeviceStorageProblem(explained.code)) setSyncError(explained);
      else setStorageFailures((shown) => (shown.some(({ message }) => message === explained.message) ? shown : [...shown, explained]));
    };
    let shown = true;
    session.sync().then(
      () => setSyncError(null),
      (error: unknown) => {
        // Gone already when the session said why it ended (onEnded, heard by the app), which this must not replace.
        if (!shown) return;
        if (endsSession(error, 'general')) signOut.current('Your session has ended. Log in again to continue.', true);
        else warn(error);
      },
    );
    // A revoked session also ends through onEnded, which the app hears and says why: the warning only stands in meanwhile.
    const stopErrors = session.onBackgroundError((error) => (error === null ? setSyncError(null) : warn(error)));
    const stopLive = session.goLive();
    // Files a reload (or a logout) interrupted go on now, whichever chat is open.
    sessionUploads(session).resumeKept();
    // Back online, or back at the window: failed messages are worth another try right now.
    const retry = () => session.retryUnsent();
    window.addEventListener('online', retry);
    window.addEventListener('focus', retry);
    return () => {
      shown = false;
      stopLive();
      stopErrors();
      window.removeEventListener('online', retry);
      window.removeEventListener('focus', retry);
    };
  }, [session]);

  // One object per navigation: choosing the same search result again shows it again.
  const reveal = useMemo(() => (view.kind === 'chat' && view.messageId !== undefined ? { messageId: view.messageId } : undefined), [view]);
  const selectedAddress = view.kind === 'chat' || view.kind === 'safety-number' ? view.address : null;
  const showBack = view.kind !== 'home';

  return (
    <div class={`shell shell--${view.kind === 'home' ? 'list' : 'detail'}`}>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="topbar">
        <p class="brand topbar__brand">
          <span class="brand__mark" aria-hidden="true">
            ✦
          </span>{' '}
          starbase
        </p>
        <p class="topbar__account">
          <span class="visually-hidden">Logged in as </span>
          {session.address}
        </p>
        <nav class="topbar__nav" aria-label="Main">
          <button
            type="button"
            class="button button--quiet"
            aria-current={view.kind === 'add-friend' ? 'page' : undefined}
            onClick={() => navigate({ kind: 'add-friend' })}
          >
            Add friend
          </button>
          <button
            type="button"
            class="button button--quiet"
            aria-current={view.kind === 'settings' ? 'page' : undefined}
            onClick={() => navigate({ kind: 'settings' })}
          >
            Settings
          </button>
        </nav>
      </header>
      <div class="shell__warnings">
        {overview.securityWarning !== null && <WarningBanner title="Security warning" text={overview.securityWarning} />}
        {overview.storageWarning !== null && <WarningBanner title="Storage almost full" text={overview.storageWarning} />}
        {syncError !== null && <WarningBanner title="Could not fetch new messages" text={syncError.message} />}
        {storageFailures.map((failure) => (
          <WarningBanner
            key={failure.message}
            title="Could not use this browser’s storage"
            text={failure.message}
            onDismiss={() => setStorageFailures((shown) => shown.filter((other) => other !== failure))}
          />
        ))}
        {draftsUnread && <WarningBanner {...DRAFTS_UNREAD_NOTICE} onDismiss={onDraftsUnreadDismissed} />}
        {keptSignInFailure !== null && !keptSignInFailureRead && (
          <WarningBanner title="Could not use this browser’s storage" text={keptSignInFailure} onDismiss={() => setKeptSignInFailureRead(true)} />
        )}
      </div>
      <aside class="shell__sidebar" aria-label="Contacts">
        <HistorySearch session={session} onOpen={(address, messageId) => navigate({ kind: 'chat', address, messageId })} />
        <ContactsPane
          session={session}
          overview={overview}
          selectedAddress={selectedAddress}
          requestUnderWay={requestUnderWay}
          onOpenChat={(address) => navigate({ kind: 'chat', address })}
          onAddFriend={() => navigate({ kind: 'add-friend' })}
        />
      </aside>
      <main ref={mainRef} class="shell__main" id="main">
        {showBack && (
          <button type="button" class="button button--quiet back-button" onClick={() => navigate(HOME)}>
            ← Contacts
          </button>
        )}
        {view.kind === 'home' && <HomePane address={session.address} friendCount={overview.friends.length} />}
        {view.kind === 'chat' && (
          <ChatScreen
            key={view.address}
            session={session}
            overview={overview}
            address={view.address}
            drafts={drafts}
            reveal={reveal}
            onSafetyNumber={() => navigate({ kind: 'safety-number', address: view.address })}
            onRemoved={() => navigate(HOME)}
            onChatDeleted={() => navigate(HOME)}
          />
        )}
        {view.kind === 'add-friend' && (
          <AddFriendScreen
            session={session}
            progress={progress}
            ownAddress={session.address}
            onOpenChat={(address) => navigate({ kind: 'chat', address })}
            onRequestUnderWay={setRequestUnderWay}
          />
        )}
        {view.kind === 'safety-number' && (
          <SafetyNumberScreen
            key={view.address}
            session={session}
            address={view.address}
            verified={overview.friends.find((friend) => friend.address === view.address)?.safetyNumberVerified ?? false}
            onBackToChat={() => navigate({ kind: 'chat', address: view.address })}
          />
        )}
        {view.kind === 'settings' && (
          <SettingsScreen
            session={session}
            overview={overview}
            onSignedOut={onSignedOut}
            onAccountDeleted={onAccountDeleted}
            saveFile={saveFile}
            preferences={preferences}
            onPreferencesChange={onPreferencesChange}
          />
        )}
      </main>
    </div>
  );
}
