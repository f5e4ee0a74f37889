import { useRef, useState } from 'preact/hooks';
import type { UndeliverableReason } from '../../../application/client/messenger';
import { messageAbilities, reactionSummary, type MessageEntry } from '../conversation-view';
import { formatMoment, isoMoment } from '../time-format';
import { Countdown } from './countdown';
import { MessageFiles, type DownloadFile } from './file-attachments';
import { excerpt } from './message-composer';
import { MessageMenu, type MenuAction } from './message-menu';
import { ReactionPicker } from './reaction-picker';

/** What a person can do with a message; each action names the message by id. */
export interface MessageActions {
  retry(id: string): void;
  /** Deletes a message that never went out, on this account's devices only. */
  remove(id: string): void;
  /** Deletes a message too long to ever go out and puts its text back in the composer, to shorten. */
  putBack(message: MessageEntry): void;
  reply(message: MessageEntry): void;
  edit(message: MessageEntry): void;
  /** Asks first, then deletes for everyone. */
  deleteForEveryone(message: MessageEntry): void;
  react(id: string, emoji: string): void;
  /** Scrolls to the quoted message and highlights it. */
  jumpTo(id: string): void;
  /** Downloads one of the message's files (checked whole before it is saved). */
  readonly download: DownloadFile;
  /** The id of the message whose action is running, so its buttons wait. */
  readonly busyId: string | null;
}

interface Props {
  readonly message: MessageEntry;
  readonly friend: string;
  readonly actions: MessageActions;
  /** False while the chat cannot carry messages (not friends yet, key changed): nothing can be sent about it. */
  readonly canSend: boolean;
  /** The newest of our messages the friend's read receipt names. */
  readonly showRead: boolean;
  readonly highlighted: boolean;
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
      return `This message is longer than ${friend}'s server accepts, so it will never be sent. Put it back to shorten it, or delete it.`;
    case 'refused':
      return `${friend}'s server refused it: ${friend} removed you as a friend. It will not be sent.`;
    case 'gone':
      return `${friend}'s account no longer exists, so it will not be sent.`;
  }
};

function Quote({ quoted, friend, onJump }: { readonly quoted: NonNullable<MessageEntry['replyTo']>; readonly friend: string; readonly onJump: (id: string) => void }) {
  // Nothing to jump to: a button would only load every older page to say so.
  if (quoted.gone) {
    return (
      <div class="message__quote message__quote--gone">
        <span class="message__quote-author">Reply to a message</span>
        <span class="message__quote-text">This message is gone.</span>
      </div>
    );
  }
  const author = quoted.direction === null ? null : quoted.direction === 'out' ? 'you' : friend;
  return (
    <button type="button" class="message__quote" onClick={() => onJump(quoted.id)}>
      <span class="message__quote-author">{author === null ? 'Reply to a message' : `Reply to ${author}`}</span>
      <span class="message__quote-text" dir="auto">
        {quoted.snippet !== null ? excerpt(quoted.snippet) : author !== null ? 'This message was deleted.' : 'The original message is not available.'}
      </span>
    </button>
  );
}

function Reactions({ message, canSend, react }: { readonly message: MessageEntry; readonly canSend: boolean; readonly react: (emoji: string) => void }) {
  const summary = reactionSummary(message.reactions);
  if (summary.length === 0) return null;
  return (
    <ul class="message__reactions" aria-label="Reactions">
      {summary.map((reaction) => (
        <li key={reaction.emoji}>
          <button
            type="button"
            class={`reaction${reaction.mine ? ' reaction--mine' : ''}`}
            aria-pressed={reaction.mine}
            disabled={!canSend}
            aria-label={`${reaction.emoji} ${reaction.count}${reaction.mine ? ', including yours: remove yours' : `: react with ${reaction.emoji}`}`}
            onClick={() => react(reaction.mine ? '' : reaction.emoji)}
          >
            <span class="reaction__emoji">{reaction.emoji}</span> <span class="reaction__count">{reaction.count}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function MessageItem({ message, friend, actions, canSend, showRead, highlighted }: Props) {
  const outgoing = message.direction === 'out';
  const failed = message.state === 'failed';
  const busy = actions.busyId === message.id;
  const [picking, setPicking] = useState(false);
  const itemRef = useRef<HTMLLIElement>(null);
  const abilities = messageAbilities(message, canSend);
  const closePicker = (refocus: boolean) => {
    setPicking(false);
    if (refocus) itemRef.current?.querySelector<HTMLElement>('.message-menu__button')?.focus();
  };
  const menu: MenuAction[] = [
    ...(abilities.reply ? [{ label: 'Reply', run: () => actions.reply(message) }] : []),
    ...(abilities.react ? [{ label: 'React', run: () => setPicking(true) }] : []),
    ...(abilities.edit ? [{ label: 'Edit', run: () => actions.edit(message) }] : []),
    ...(abilities.deleteForEveryone ? [{ label: 'Delete for everyone', run: () => actions.deleteForEveryone(message), danger: true }] : []),
  ];
  const classes = ['message', `message--${message.direction}`, `message--${message.state}`];
  if (message.deleted) classes.push('message--deleted');
  if (message.unsupported) classes.push('message--unsupported');
  if (highlighted) classes.push('message--highlighted');
  return (
    <li ref={itemRef} class={classes.join(' ')} data-message-id={message.id} tabIndex={-1}>
      <p class="visually-hidden">{outgoing ? 'You wrote:' : 'They wrote:'}</p>
      {message.replyTo !== null && !message.deleted && <Quote quoted={message.replyTo} friend={friend} onJump={actions.jumpTo} />}
      {message.deleted ? (
        <p class="message__body message__body--note">{outgoing ? 'You deleted this message.' : 'This message was deleted.'}</p>
      ) : message.unsupported ? (
        <p class="message__body message__body--note">Unsupported message: it needs a newer version of starbase.</p>
      ) : message.body === '' && message.files.length > 0 ? null : (
        <p class="message__body" dir="auto">
          {message.body}
        </p>
      )}
      {!message.deleted && <MessageFiles files={message.files} messageId={message.id} download={actions.download} />}
      <div class="message__meta">
        <time dateTime={isoMoment(message.sentAt)}>{formatMoment(message.sentAt)}</time>
        {message.edited && !message.deleted && <span class="message__edited"> · {message.editSending ? 'edited (sending…)' : 'edited'}</span>}
        {message.expiresIn !== null && !message.deleted && <Countdown expiresAt={message.expiresAt} expiresIn={message.expiresIn} />}
        {outgoing && !message.deleted && <span class="message__state"> · {STATE_TEXT[message.state]}</span>}
        <MessageMenu label={`Actions for ${outgoing ? 'your' : `${friend}'s`} message of ${formatMoment(message.sentAt)}`} actions={menu} />
      </div>
      {!message.deleted && <Reactions message={message} canSend={canSend} react={(emoji) => actions.react(message.id, emoji)} />}
      {picking && (
        <ReactionPicker
          onClose={closePicker}
          onPick={(emoji) => {
            closePicker(true);
            actions.react(message.id, emoji);
          }}
        />
      )}
      {showRead && <p class="message__read">Read</p>}
      {failed && !message.deleted && (
        <div class="message__failure">
          <p>{failureText(message.undeliverable, friend)}</p>
          <div class="message__actions">
            {message.undeliverable === null && (
              <button type="button" class="button button--small" disabled={busy} onClick={() => actions.retry(message.id)}>
                Retry now
              </button>
            )}
            {message.undeliverable === 'too-large' && message.body !== '' && (
              <button type="button" class="button button--small" disabled={busy} onClick={() => actions.putBack(message)}>
                Put back
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
