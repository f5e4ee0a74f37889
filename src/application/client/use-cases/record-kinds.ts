import { BlobDocument } from '../../../domain/messaging/blob-document';
import { disappearingTimerOf } from '../../../domain/messaging/chat-settings';
import { MessageRecord, messageKey } from '../../../domain/messaging/message';
import { isExpiresIn, isSingleEmoji } from '../../../domain/messaging/message-kinds';
import { getOwn } from '../../../domain/messaging/own-record';
import { kindOfRecord, RecordKind } from '../../../domain/messaging/record-kind';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientError, clientError } from '../client-error';
import type { SendOptions } from '../messenger';

/*
 * The §11 records the user composes, each checked against the document it is recorded in: the
 * message it names must be in the conversation, and only our own may be edited or deleted. When
 * the conversation has older pages this device has not opened (`olderUnopened`), a message not
 * found may be in one of them: the record is accepted as §11 accepts a target not yet known, and
 * applies once that page is opened (an edit or delete naming a friend's message never applies).
 */

/** A message record by its key: the document's own, or one shown from an opened page. */
export type MessageLookup = (key: string) => MessageRecord | undefined;

/** The document's own messages, nothing more. */
export const messagesOf =
  (doc: BlobDocument): MessageLookup =>
  (key) =>
    getOwn(doc.messages, key);

type KindChoice = (doc: BlobDocument, friend: string, messageAt: MessageLookup) => Result<RecordKind | undefined, ClientError>;

const isMessageThere = (messageAt: MessageLookup, direction: 'in' | 'out', friend: string, id: string): boolean => {
  const record = messageAt(messageKey(direction, friend, id));
  return record !== undefined && kindOfRecord(record).type === 'message';
};

const unknownMessage = (olderUnopened: boolean): Result<void, ClientError> =>
  olderUnopened ? ok(undefined) : clientError('unknown_message', 'That message is not in this conversation (any more).');

const ownTarget = (messageAt: MessageLookup, friend: string, id: string, olderUnopened: boolean): Result<void, ClientError> => {
  if (isMessageThere(messageAt, 'out', friend, id)) return ok(undefined);
  return isMessageThere(messageAt, 'in', friend, id) ? clientError('not_own_message', 'Only your own messages can be edited or deleted.') : unknownMessage(olderUnopened);
};

const anyTarget = (messageAt: MessageLookup, friend: string, id: string, olderUnopened: boolean): Result<void, ClientError> =>
  isMessageThere(messageAt, 'out', friend, id) || isMessageThere(messageAt, 'in', friend, id) ? ok(undefined) : unknownMessage(olderUnopened);

const checkTimer = (seconds: number): Result<void, ClientError> =>
  isExpiresIn(seconds) ? ok(undefined) : clientError('invalid_timer', 'Messages can disappear after 5 seconds to 4 weeks.');

/** A text message; without `expiresIn` the chat's disappearing timer applies. */
export const textKind =
  (options: SendOptions, olderUnopened = false): KindChoice =>
  (doc, friend, messageAt) => {
    if (options.replyTo !== undefined) {
      const target = anyTarget(messageAt, friend, options.replyTo, olderUnopened);
      if (!target.ok) return target;
    }
    if (options.expiresIn !== undefined) {
      const timer = checkTimer(options.expiresIn);
      if (!timer.ok) return timer;
    }
    const expiresIn = options.expiresIn ?? disappearingTimerOf(doc, friend);
    if (options.replyTo === undefined && expiresIn === null) return ok(undefined);
    return ok({ type: 'message', ...(options.replyTo === undefined ? {} : { replyTo: options.replyTo }), ...(expiresIn === null ? {} : { expiresIn }) });
  };

export const editKind =
  (target: string, olderUnopened = false): KindChoice =>
  (_doc, friend, messageAt) => {
    const checked = ownTarget(messageAt, friend, target, olderUnopened);
    return checked.ok ? ok({ type: 'edit', target }) : checked;
  };

export const deleteKind =
  (target: string, olderUnopened = false): KindChoice =>
  (_doc, friend, messageAt) => {
    const checked = ownTarget(messageAt, friend, target, olderUnopened);
    return checked.ok ? ok({ type: 'delete', target }) : checked;
  };

export const reactionKind =
  (target: string, emoji: string, olderUnopened = false): KindChoice =>
  (_doc, friend, messageAt) => {
    if (emoji !== '' && !isSingleEmoji(emoji)) return clientError('invalid_emoji', 'A reaction is one emoji.');
    const checked = anyTarget(messageAt, friend, target, olderUnopened);
    return checked.ok ? ok({ type: 'reaction', target, emoji }) : checked;
  };

export const timerKind =
  (seconds: number | null): KindChoice =>
  () => {
    if (seconds === null) return ok({ type: 'timer', expiresIn: null });
    const checked = checkTimer(seconds);
    return checked.ok ? ok({ type: 'timer', expiresIn: seconds }) : checked;
  };

export const receiptKind =
  (read: readonly string[]): KindChoice =>
  () =>
    ok({ type: 'receipt', read });
