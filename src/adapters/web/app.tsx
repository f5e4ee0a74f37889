import { useEffect, useRef, useState } from 'preact/hooks';
import type { Messenger, MessengerError, MessengerSession, Unsubscribe } from '../../application/client/messenger';
import { Drafts } from './drafts';
import type { WebEnvironment } from './environment';
import { explainError } from './error-messages';
import { applyTheme, type Preferences } from './preferences';
import { ProgressChannel } from './progress-channel';
import { LoginScreen } from './screens/login-screen';
import { RegisterScreen } from './screens/register-screen';
import { REVOKED_NOTICE, SessionScreen } from './screens/session-screen';
import { useDraftFlush } from './use-draft-flush';
import { useLeaveWarning } from './use-leave-warning';

interface Props {
  readonly messenger: Messenger;
  readonly environment: WebEnvironment;
}

type AppState =
  /** Asking whether "Stay signed in" kept a session on this browser. */
  | { readonly kind: 'resuming' }
  | { readonly kind: 'signed-out'; readonly screen: 'log-in' | 'register'; readonly notice: string | null }
  /** `draftsUnread`: what the device kept of the drafts could not be read, and nothing typed is kept there. */
  | { readonly kind: 'signed-in'; readonly session: MessengerSession; readonly progress: ProgressChannel; readonly draftsUnread: boolean };

export function App({ messenger, environment }: Props) {
  const signedOut = (notice: string | null): AppState => ({
    kind: 'signed-out',
    screen: environment.recallLastAddress() === null ? 'register' : 'log-in',
    notice,
  });
  const [state, setState] = useState<AppState>({ kind: 'resuming' });
  const shownState = useRef(state);
  shownState.current = state;
  const [preferences, setPreferences] = useState<Preferences>(() => environment.recallPreferences());
  useEffect(() => applyTheme(document.documentElement, preferences.theme), [preferences.theme]);

  const changePreferences = (changed: Preferences) => {
    environment.rememberPreferences(changed);
    setPreferences(changed);
  };

  // The start screen of a first visit: nothing of the deleted account is left in the form.
  const accountDeleted = (leftBehind: string | null) => {
    drafts.clear();
    environment.forgetLastAddress();
    setState({ kind: 'signed-out', screen: 'register', notice: leftBehind === null ? 'Your account was deleted.' : `Your account was deleted. ${leftBehind}` });
  };

  const drafts = useRef(new Drafts()).current;
  useLeaveWarning(drafts);
  useDraftFlush(drafts);

  // Heard here, not on the session's screen: a first sync finding the session revoked may take the user to the Log in
  // screen, with a plain notice, before the session says why it ended and what stayed; that notice then gives way.
  const stopHearingEnd = useRef<Unsubscribe | null>(null);
  const sessionEnded = (session: MessengerSession, leftBehind: readonly MessengerError[]) => {
    const notice = [REVOKED_NOTICE, ...leftBehind.map((failure) => explainError(failure, 'ended').message)].join(' ');
    const shown = shownState.current;
    if (shown.kind === 'signed-in' && shown.session === session) {
      drafts.detach();
      setState({ kind: 'signed-out', screen: 'log-in', notice });
    } else if (shown.kind === 'signed-out' && shown.screen === 'log-in') setState({ ...shown, notice });
  };

  /** Opens the session once what this device kept of its drafts is back, so every composer starts with its text. */
  const signedIn = async (session: MessengerSession, progress: ProgressChannel) => {
    stopHearingEnd.current?.();
    stopHearingEnd.current = session.onEnded((_reason, leftBehind) => sessionEnded(session, leftBehind));
    environment.rememberLastAddress(session.address);
    drafts.claimFor(session.address);
    let draftsUnread = false;
    const kept = await session.keptDrafts().catch((error: unknown) => {
      // Storage the browser refuses (a private window, a full disk) must not keep the user out; the
      // device then counts as keeping no drafts, so leaving asks while anything is typed, and the
      // user is told, since drafts kept before do not show and nothing typed now outlives the page.
      console.warn('The drafts kept on this device could not be read', error instanceof Error ? error.name : typeof error);
      draftsUnread = true;
      return null;
    });
    drafts.attach(kept, (friend, draft) => session.keepDraft(friend, draft));
    setState({ kind: 'signed-in', session, progress, draftsUnread });
  };

  // Read again once the user dismissed the warning: a storage that failed for a while (a full disk, another tab
  // upgrading the database) may serve again, and what it kept comes back beside what was typed since.
  const readDraftsAgain = (session: MessengerSession) => {
    setState((shown) => (shown.kind === 'signed-in' && shown.session === session ? { ...shown, draftsUnread: false } : shown));
    session.keptDrafts().then(
      (kept) => {
        const shown = shownState.current;
        if (kept !== null && shown.kind === 'signed-in' && shown.session === session) drafts.attachLate(kept, (friend, draft) => session.keepDraft(friend, draft));
      },
      (error: unknown) => console.warn('The drafts kept on this device still could not be read', error instanceof Error ? error.name : typeof error),
    );
  };

  useEffect(() => {
    let current = true;
    const progress = new ProgressChannel();
    messenger.resume({ onProgress: progress.report }).then(
      (session) => {
        if (!current) return;
        if (session === null) setState(signedOut(null));
        else void signedIn(session, progress);
      },
      (error: unknown) => {
        if (current) setState(signedOut(`Could not sign you in again automatically: ${explainError(error, 'resume').message}`));
      },
    );
    return () => {
      current = false;
    };
    // Only on page load: a later sign-in is the user's own.
  }, []);

  if (state.kind === 'resuming') return null;
  if (state.kind === 'signed-in') {
    return (
      <SessionScreen
        key={state.session.address}
        session={state.session}
        progress={state.progress}
        drafts={drafts}
        draftsUnread={state.draftsUnread}
        onDraftsUnreadDismissed={() => readDraftsAgain(state.session)}
        saveFile={environment.saveFile}
        preferences={preferences}
        onPreferencesChange={changePreferences}
        onSignedOut={(notice, keepDrafts = false) => {
          if (keepDrafts) drafts.detach();
          else drafts.clear();
          setState({ kind: 'signed-out', screen: 'log-in', notice });
        }}
        onAccountDeleted={accountDeleted}
      />
    );
  }
  if (state.screen === 'register') {
    return (
      <RegisterScreen
        key={state.notice}
        messenger={messenger}
        environment={environment}
        notice={state.notice}
        onSignedIn={signedIn}
        onLogInInstead={() => setState({ kind: 'signed-out', screen: 'log-in', notice: null })}
      />
    );
  }
  return (
    <LoginScreen
      messenger={messenger}
      environment={environment}
      notice={state.notice}
      onSignedIn={signedIn}
      onRegisterInstead={() => setState({ kind: 'signed-out', screen: 'register', notice: null })}
    />
  );
}
