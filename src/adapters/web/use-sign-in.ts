import type { ClientOptions, MessengerSession } from '../../application/client/messenger';
import type { ExplainedError } from './error-messages';
import { useAsyncAction, useProgressTracker } from './hooks';
import { ProgressChannel } from './progress-channel';
import type { ProgressState } from './progress-text';

/** `messenger.register` or `messenger.logIn`. */
export type SignInEntry = (address: string, password: string, options: ClientOptions) => Promise<MessengerSession>;

export type SignInExtras = Pick<ClientOptions, 'inviteCode' | 'staySignedIn'>;

export interface SignIn {
  readonly busy: boolean;
  readonly error: ExplainedError | null;
  /** While busy: what Argon2 and the server are doing. */
  readonly progress: ProgressState | null;
  run(address: string, password: string, extras?: SignInExtras): Promise<boolean>;
}

interface Options {
  readonly entry: SignInEntry;
  readonly context: 'register' | 'log-in';
  /** The channel keeps carrying the session's progress (sync, proof of work) after sign-in. */
  readonly onSignedIn: (session: MessengerSession, progress: ProgressChannel) => Promise<void>;
  readonly onFailure?: (error: unknown) => void;
}

/** Creating an account and logging in: one attempt at a time, with progress and an explained error. */
export function useSignIn({ entry, context, onSignedIn, onFailure }: Options): SignIn {
  const tracker = useProgressTracker();
  const action = useAsyncAction(
    async (address: string, password: string, extras: SignInExtras = {}) => {
      const channel = new ProgressChannel();
      const stop = channel.subscribe(tracker.listener);
      try {
        // Busy until the app opened the session (its kept drafts read): no second sign-in meanwhile.
        await onSignedIn(await entry(address, password, { ...extras, onProgress: channel.report }), channel);
      } finally {
        stop();
        tracker.reset();
      }
    },
    context,
    onFailure,
  );
  return { busy: action.busy, error: action.error, progress: tracker.progress, run: action.run };
}
