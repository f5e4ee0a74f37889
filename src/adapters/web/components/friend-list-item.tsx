import type { FriendView } from '../../../application/client/messenger';
import { friendStatusLine } from '../friend-status-text';
import { formatMoment, isoMoment, isShowableMoment } from '../time-format';
import { UnreadBadge } from './unread-badge';

interface Props {
  readonly friend: FriendView;
  readonly selected: boolean;
  readonly onOpen: (address: string) => void;
}

export function FriendListItem({ friend, selected, onOpen }: Props) {
  const statusLine = friendStatusLine(friend.status);
  const alarming = friend.status === 'identity-changed';
  // Once nothing can come from them any more, and their key is no longer looked up, the alarm would stay for good.
  const ended = friend.status === 'removed' || friend.status === 'gone';
  const at = friend.address.lastIndexOf('@');
  const name = friend.address.slice(0, at);
  const server = friend.address.slice(at + 1);
  return (
    <li class="contact">
      <button
        type="button"
        class={selected ? 'contact__button contact__button--selected' : 'contact__button'}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(friend.address)}
      >
        <span class="contact__avatar" aria-hidden="true">
          {friend.address.slice(0, 1).toUpperCase()}
        </span>
        <span class="contact__text">
          <span class="contact__address">
            <span class="contact__name" dir="auto">
              {name}
            </span>
            <span class="contact__server">@{server}</span>
          </span>
          {statusLine !== null && (
            <span class={alarming ? 'contact__status contact__status--alarm' : 'contact__status'}>{statusLine}</span>
          )}
          {!friend.verified && !ended && <span class="contact__status contact__status--alarm">Identity not verified</span>}
          {friend.safetyNumberVerified && <span class="contact__status contact__status--verified">✓ Verified</span>}
          {friend.lastMessage !== null && (
            <span class="contact__preview">
              {friend.lastMessage.direction === 'out' && <span class="contact__preview-you">You: </span>}
              <bdi>{friend.lastMessage.body}</bdi>
            </span>
          )}
        </span>
        <span class="contact__meta">
          {friend.lastMessageAt !== null && isShowableMoment(friend.lastMessageAt) && (
            <time class="contact__time" dateTime={isoMoment(friend.lastMessageAt)}>
              {formatMoment(friend.lastMessageAt)}
            </time>
          )}
          <UnreadBadge count={friend.unread} />
        </span>
      </button>
    </li>
  );
}
