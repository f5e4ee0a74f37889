import type { IncomingRequestView } from '../../../application/client/messenger';
import { formatMoment, isoMoment } from '../time-format';

interface Props {
  readonly request: IncomingRequestView;
  readonly busy: boolean;
  readonly onAccept: (id: string) => void;
  readonly onDecline: (id: string) => void;
}

export function RequestItem({ request, busy, onAccept, onDecline }: Props) {
  return (
    <li class="request" aria-label={`Friend request from ${request.from}`}>
      <p class="request__from">{request.from}</p>
      {request.note !== null && request.note !== '' && <p class="request__note">“{request.note}”</p>}
      {!request.verified && (
        <p class="request__warning">
          Not verified: the key in this request does not match the one {request.from}'s server publishes, or that server
          could not be reached. Accept only if you expected it.
        </p>
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
      </div>
    </li>
  );
}
