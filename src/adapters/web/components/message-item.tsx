import type { ConversationEntry, UndeliverableReason } from '../../../application/client/messenger';
import { formatMoment, isoMoment } from '../time-format';

type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;

/** What a person can do about a message that did not go out. */
export interface FailedMessageActions {
  retry(id: string): void;
  remove(id: string): void;
  /** The id of the message whose action is running, so its buttons wait. */
  readonly busyId: string | null;
}

interface Props {
  readonly message: MessageEntry;
  readonly friend: string;
  readonly actions: FailedMessageActions;
}

const STATE_TEXT: Record<MessageEntry['state'], string> = {
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  received: '',
};

const failureText = (reason: UndeliverableReason | null, friend: string): string => {
  switch (reason) {
    case null:
      return `Not delivered yet: ${friend}'s server could not be reached. It is sent again automatically.`;
    case 'too-large':
      return 'This message is longer than the server accepts, so it will never be sent. Delete it and send shorter ones.';
    case 'refused':
      return `${friend}'s server refused it: ${friend} removed you as a friend. It will not be sent.`;
    case 'gone':
      return `${friend}'s account no longer exists, so it will not be sent.`;
  }
};

export function MessageItem({ message, friend, actions }: Props) {
  const outgoing = message.direction === 'out';
  const failed = message.state === 'failed';
  const busy = actions.busyId === message.id;
  return (
    <li class={`message message--${message.direction} message--${message.state}`} data-message-id={message.id}>
      <p class="visually-hidden">{outgoing ? 'You wrote:' : 'They wrote:'}</p>
      <p class="message__body" dir="auto">
        {message.body}
      </p>
      <p class="message__meta">
        <time dateTime={isoMoment(message.sentAt)}>{formatMoment(message.sentAt)}</time>
        {outgoing && <span class="message__state"> · {STATE_TEXT[message.state]}</span>}
      </p>
      {failed && (
        <div class="message__failure">
          <p>{failureText(message.undeliverable, friend)}</p>
          <div class="message__actions">
            {message.undeliverable === null && (
              <button type="button" class="button button--small" disabled={busy} onClick={() => actions.retry(message.id)}>
                Retry now
              </button>
            )}
            <button type="button" class="button button--small button--danger" disabled={busy} onClick={() => actions.remove(message.id)}>
              Delete
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
