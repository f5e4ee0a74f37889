import { useEffect, useState } from 'preact/hooks';
import type { MessengerSession } from '../../../application/client/messenger';
import { ErrorAlert } from '../components/error-alert';
import { SafetyNumberGrid } from '../components/safety-number-grid';
import { SafetyNumberQr } from '../components/safety-number-qr';
import { ScreenHeading } from '../components/screen-heading';
import { explainError, type ExplainedError } from '../error-messages';
import { useAsyncAction } from '../hooks';

interface Props {
  readonly session: MessengerSession;
  readonly address: string;
  /** Whether the user already marked this friend's current key as compared. */
  readonly verified: boolean;
  readonly onBackToChat: () => void;
}

type Loaded = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly value: string } | { readonly kind: 'failed'; readonly error: ExplainedError };

export function SafetyNumberScreen({ session, address, verified, onBackToChat }: Props) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const mark = useAsyncAction((value: boolean) => session.markSafetyNumberVerified(address, value), 'general');

  useEffect(() => {
    let current = true;
    session.safetyNumber(address).then(
      (value) => current && setLoaded({ kind: 'ready', value }),
      (error: unknown) => current && setLoaded({ kind: 'failed', error: explainError(error, 'general') }),
    );
    return () => {
      current = false;
    };
  }, [session, address]);

  return (
    <section class="safety">
      <ScreenHeading level={2}>Safety number with {address}</ScreenHeading>
      <p>
        Compare these 60 digits with the ones {address} sees on their screen — in person, or on a call where you
        recognise their voice. They are the same on both sides.
      </p>
      {loaded.kind === 'loading' && <p role="status">Computing the safety number…</p>}
      {loaded.kind === 'ready' && (
        <>
          <SafetyNumberGrid safetyNumber={loaded.value} />
          <SafetyNumberQr safetyNumber={loaded.value} />
          <p>Or scan this code with the camera of another device, or compare it with a screenshot from {address}.</p>
        </>
      )}
      <ErrorAlert error={loaded.kind === 'failed' ? loaded.error : null} />
      <div class="safety__hint">
        <p>
          <strong>If every group matches,</strong> your messages reach {address} and nobody else can read them.
        </p>
        <p>
          <strong>If they differ,</strong> someone may be in between. Do not send anything sensitive and talk to {address}{' '}
          another way.
        </p>
      </div>
      <p role="status">{verified ? `You marked ${address} as verified.` : `${address} is not marked as verified.`}</p>
      <ErrorAlert error={mark.error} />
      <div class="form-actions">
        {loaded.kind === 'ready' && (
          <button type="button" class={verified ? 'button' : 'button button--primary'} disabled={mark.busy} onClick={() => void mark.run(!verified)}>
            {verified ? 'Unmark as verified' : 'They match: mark as verified'}
          </button>
        )}
        <button type="button" class="button" onClick={onBackToChat}>
          Back to the conversation
        </button>
      </div>
    </section>
  );
}
