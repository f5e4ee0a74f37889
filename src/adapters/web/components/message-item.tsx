import type { ConversationEntry } from '../../../application/client/messenger';
import { formatMoment, isoMoment } from '../time-format';

type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;

interface Props {
  readonly message: MessageEntry;
}

const STATE_TEXT: Record<MessageEntry['state'], string> = {
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  received: '',
};

export function MessageItem({ message }: Props) {
  const outgoing = message.direction === 'out';
  return (
    <li class={`message message--${message.direction} message--${message.state}`} data-message-id={message.id}>
      <p class="visually-hidden">{outgoing ? 'You wrote:' : 'They wrote:'}</p>
      <p class="message__body">{message.body}</p>
      <p class="message__meta">
        <time dateTime={isoMoment(message.sentAt)}>{formatMoment(message.sentAt)}</time>
        {outgoing && <span class="message__state"> · {STATE_TEXT[message.state]}</span>}
      </p>
      {message.state === 'failed' && (
        <p class="message__failure">This message could not be delivered. Check your connection and send it again.</p>
      )}
    </li>
  );
}
