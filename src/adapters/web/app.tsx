import { useRef, useState } from 'preact/hooks';
import type { Messenger, MessengerSession } from '../../application/client/messenger';
import { Drafts } from './drafts';
import type { WebEnvironment } from './environment';
import type { ProgressChannel } from './progress-channel';
import { LoginScreen } from './screens/login-screen';
import { RegisterScreen } from './screens/register-screen';
import { SessionScreen } from './screens/session-screen';

interface Props {
  readonly messenger: Messenger;
  readonly environment: WebEnvironment;
}

type AppState =
  | { readonly kind: 'signed-out'; readonly screen: 'log-in' | 'register'; readonly notice: string | null }
  | { readonly kind: 'signed-in'; readonly session: MessengerSession; readonly progress: ProgressChannel };

export function App({ messenger, environment }: Props) {
  const [state, setState] = useState<AppState>(() => ({
    kind: 'signed-out',
    screen: environment.recallLastAddress() === null ? 'register' : 'log-in',
    notice: null,
  }));

  const drafts = useRef(new Drafts()).current;

  const signedIn = (session: MessengerSession, progress: ProgressChannel) => {
    environment.rememberLastAddress(session.address);
    drafts.claimFor(session.address);
    setState({ kind: 'signed-in', session, progress });
  };

  if (state.kind === 'signed-in') {
    return (
      <SessionScreen
        key={state.session.address}
        session={state.session}
        progress={state.progress}
        drafts={drafts}
        saveFile={environment.saveFile}
        onSignedOut={(notice, keepDrafts = false) => {
          if (!keepDrafts) drafts.clear();
          setState({ kind: 'signed-out', screen: 'log-in', notice });
        }}
      />
    );
  }
  if (state.screen === 'register') {
    return (
      <RegisterScreen
        messenger={messenger}
        environment={environment}
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
