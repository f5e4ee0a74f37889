import type { IncomingRequestView } from '../../../application/client/messenger';
import { serverOf } from '../address-input';
import { formatMoment, isoMoment } from '../time-format';

interface Props {
  readonly request: IncomingRequestView;
  /** The signed-in account's server: asking it about a sender of its own reveals nothing new. */
  readonly ownServer: string;
  readonly busy: boolean;
  readonly checking: boolean;
  readonly onCheck: (id: string) => void;
  readonly onAccept: (id: string) => void;
  readonly onDecline: (id: string) => void;
  readonly onDeclineAndBlock: (id: string) => void;
}

export function RequestItem({ request, ownServer, busy, checking, onCheck, onAccept, onDecline, onDeclineAndBlock }: Props) {
  const senderServer = serverOf(request.from);
  return (
    <li class="request" aria-label={`Friend request from ${request.from}`}>
      <p class="request__from" dir="auto">
        {request.from}
      </p>
      {request.note !== null && request.note !== '' && (
        <p class="request__note" dir="auto">
          “{request.note}”
        </p>
      )}
      {!request.verified && !request.proven && (
        <p class="request__warning">
          Not verified: this request does not prove it comes from {request.from} (their app may be older). Anyone can
          write this note. Accept only if you expected it; you will know it is them once they answer.
        </p>
      )}
      {!request.verified && request.proven && (
        <div class="request__warning">
          {senderServer === ownServer ? (
            <p>
              Not checked yet: your own server has not confirmed that this key is {request.from}'s. Checking asks it,
              and it already knows you.
            </p>
          ) : (
            <p>
              Not checked yet: {senderServer} has not confirmed that this key is {request.from}'s. Checking asks that
              server, which then learns your IP address — it may be a stranger's server.
            </p>
          )}
          <button
            type="button"
            class="button"
            disabled={checking}
            onClick={() => onCheck(request.id)}
            aria-label={`Check with their server: the request from ${request.from}`}
          >
            {checking ? 'Checking…' : 'Check with their server'}
          </button>
        </div>
      )}
      <p class="request__time">
        Received <time dateTime={isoMoment(request.receivedAt)}>{formatMoment(request.receivedAt)}</time>
      </p>
      <div class="request__actions">
        <button
          type="button"
          class="button button--primary"
          disabled={busy}
          onClick={() => onAccept(request.id)}
          aria-label={`Accept request from ${request.from}`}
        >
          Accept
        </button>
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => onDecline(request.id)}
          aria-label={`Decline request from ${request.from}`}
        >
          Decline
        </button>
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => onDeclineAndBlock(request.id)}
          aria-label={`Decline and block ${request.from}`}
        >
          Decline and block
        </button>
      </div>
    </li>
  );
}
