import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MessengerError, type AccountOverview, type MessengerSession } from '../../../application/client/messenger';
import { BlockConfirm, useBlockPrompt } from '../components/block-confirm';
import { ErrorAlert } from '../components/error-alert';
import { DaySeparator, withDaySeparators } from '../components/day-separator';
import { ErrorBoundary } from '../components/error-boundary';
import { GapMarker } from '../components/gap-marker';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DisappearingTimerPicker } from '../components/disappearing-timer-picker';
import { excerpt, MessageComposer } from '../components/message-composer';
import { MessageItem, type MessageActions } from '../components/message-item';
import { AttachmentBar, useFileUploads } from '../components/file-attachments';
import { lastEditableOwn, lastReadOwnId, quotableText, type MessageEntry } from '../conversation-view';
import { timerNotice } from '../disappearing-timer';
import type { Drafts } from '../drafts';
import { useComposerDraft } from '../use-composer-draft';
import { ScreenHeading } from '../components/screen-heading';
import { explainError, type ExplainedError } from '../error-messages';
import { chatBlockedReason } from '../friend-status-text';
import { useAsyncAction, useStillShown, type AsyncAction } from '../hooks';
import { useConfirmFocus, useFocusBackOnFailure } from '../use-confirm-focus';
import { usePageVisible } from '../page-visibility';
import { useOlderMessages } from '../use-older-messages';
import { useLogKeptAtEnd } from '../use-log-kept-at-end';
import { OlderMessagesBar } from '../components/older-messages-bar';
import { SafetyNumberNotice } from '../components/safety-number-notice';

/** This close to the top of the log, scrolling back loads the next older page. */
const SCROLLED_TO_TOP_PX = 48;

interface Props {
  readonly session: MessengerSession;
  readonly overview: AccountOverview;
  readonly address: string;
  readonly drafts: Drafts;
  readonly onSafetyNumber: () => void;
  readonly onRemoved: () => void;
  /** The chat was deleted: its contact is no longer in the list. */
  readonly onChatDeleted: () => void;
  /** A search result opened the chat: show this message, loading older pages until it is there (a new object each time it is chosen). */
  readonly reveal?: { readonly messageId: string } | undefined;
}

/** A send error and whether a friend's server caused it (such an error stops holding once nothing is failed any more). */
interface SendError {
  readonly explained: ExplainedError;
  readonly friendServer: boolean;
}

/** Nothing of it was stored: nothing will send it later, so what was typed must go back to the user. */
const isUnrecorded = (error: unknown): boolean => error instanceof MessengerError && error.details.unrecorded === true;

export function ChatScreen({ session, overview, address, drafts, onSafetyNumber, onRemoved, onChatDeleted, reveal }: Props) {
  const friend = overview.friends.find((candidate) => candidate.address === address);
  const entries = session.conversation(address);
  const [sendError, setSendFailure] = useState<SendError | null>(null);
  const setSendError = (explained: ExplainedError | null, friendServer = false) =>
    setSendFailure(explained === null ? null : { explained, friendServer });
  const [composerKey, setComposerKey] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [confirmingChatDeletion, setConfirmingChatDeletion] = useState(false);
  const blockedNoticeRef = useRef<HTMLParagraphElement>(null);
  const blockPrompt = useBlockPrompt(blockedNoticeRef);
  // The block may reach the overview only after the confirm closed (with focus back on Block): when
  // the button then goes and takes focus with it, the notice saying what happened gets it.
  const isBlocked = overview.blocked.includes(address);
  const wasBlocked = useRef(isBlocked);
  useLayoutEffect(() => {
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (isBlocked && !wasBlocked.current && focusLost) blockedNoticeRef.current?.focus();
    wasBlocked.current = isBlocked;
  }, [isBlocked]);
  const [deleting, setDeleting] = useState<MessageEntry | null>(null);
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const uploads = useFileUploads(session, address, (explained, friendServer) => setSendError(explained, friendServer));
  const markingRead = useRef(false);
  const unread = friend?.unread ?? 0;
  const visible = usePageVisible();

  const failedCount = entries.filter((entry) => entry.kind === 'message' && entry.state === 'failed').length;
  // "Could not reach bob's server" no longer holds once the message went out.
  useEffect(() => {
    if (sendError?.friendServer === true && failedCount === 0) setSendFailure(null);
  }, [sendError, failedCount]);

  const older = useOlderMessages(session, address, entries, logRef);
  const composer = useComposerDraft(drafts, address, entries, { remains: () => session.hasOlder(address), load: older.load, entries: () => session.conversation(address) });
  const mode = composer.mode;
  const logEnd = useLogKeptAtEnd(logRef, friend !== undefined);
  const [revealing, setRevealing] = useState<string | null>(null);
  const last = entries.at(-1);
  const lastKey = last === undefined || last.kind === 'gap' ? `${entries.length}` : `${last.direction}:${last.id}`;

  // Only a message at the end scrolls the log down: older ones arriving above keep their place.
  useEffect(() => {
    const log = logRef.current;
    if (log !== null && revealing === null) log.scrollTop = log.scrollHeight;
    // A reveal under way decides the scroll itself.
  }, [lastKey]);

  useEffect(() => {
    if (unread === 0 || !visible || markingRead.current) return;
    markingRead.current = true;
    session
      .markRead(address)
      .catch((error: unknown) => setSendError(explainError(error, 'general')))
      .finally(() => {
        markingRead.current = false;
      });
  }, [session, address, unread, visible]);

  // The user may have opened another screen meanwhile: a finished removal leaves them there.
  const stillShown = useStillShown();
  const remove = useAsyncAction(async () => {
    await session.removeFriend(address, { tellInBackground: true });
    if (stillShown()) onRemoved();
  }, 'request');

  // Blocking ends the friendship too: while friends it is offered with the removal, so the header keeps two tools on a phone.
  const removeAndBlock = useAsyncAction(async () => {
    await session.blockContact(address, { tellInBackground: true });
    if (stillShown()) onRemoved();
  }, 'request');
  const removing = remove.busy || removeAndBlock.busy;
  /** The one alert under both buttons says why the latest of them failed. */
  const runRemoval = (action: AsyncAction<[]>, other: AsyncAction<[]>) => {
    other.clearError();
    void action.run();
  };
  // The friend may end the friendship while we are asked: the confirm goes with what it asked about, and does not come back.
  const removalPossible = friend !== undefined && friend.status !== 'removed';
  const askingRemoval = confirmingRemoval && removalPossible;
  useEffect(() => {
    if (!removalPossible) setConfirmingRemoval(false);
  }, [removalPossible]);
  const chatDeletionFocus = useConfirmFocus(confirmingChatDeletion);
  const removalFocus = useConfirmFocus(askingRemoval, [blockPrompt.buttonRef, chatDeletionFocus.openerRef]);
  const removeButtonRef = useFocusBackOnFailure(remove);
  const removeAndBlockButtonRef = useFocusBackOnFailure(removeAndBlock);

  const deleteChat = useAsyncAction(async () => {
    await session.deleteChat(address);
    // Typed text waiting to be written would otherwise be kept again for a chat that is gone.
    drafts.set(address, { text: '' });
    if (stillShown()) onChatDeleted();
  }, 'request');

  const confirmDeleteRef = useFocusBackOnFailure(deleteChat);

  /** Runs one message action, keeping its error where the send errors show. */
  const act = (id: string, action: () => Promise<void>, context: 'send' | 'general' = 'send') => {
    setBusyId(id);
    setSendError(null);
    action()
      .catch((error: unknown) => setSendError(explainError(error, context), error instanceof MessengerError && error.details.friend !== undefined))
      .finally(() => setBusyId(null));
  };

  const send = (body: string) => {
    setSendError(null);
    uploads.forgetRemovedNote();
    const replyTo = mode?.kind === 'reply' ? mode.target.id : undefined;
    composer.end();
    const sending = replyTo === undefined ? session.sendMessage(address, body) : session.reply(address, replyTo, body);
    sending.catch((error: unknown) => {
      if (isUnrecorded(error)) putBack(body, replyTo === undefined ? null : { kind: 'reply', id: replyTo });
      setSendError(explainError(error, 'send'), error instanceof MessengerError && error.details.friend !== undefined);
    });
  };

  const shownMessage = (id: string): MessageEntry | undefined =>
    session.conversation(address).find((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === id);

  /** Text that was not stored goes back into the composer, with the reply or edit it was typed as while its message still shows. */
  const putBack = (body: string, as: { readonly kind: 'reply' | 'edit'; readonly id: string } | null) => {
    const message = as === null ? undefined : shownMessage(as.id);
    // An edit begun while this was on its way stays on top, as when a kept draft holds both: what comes back goes under it.
    const editing = drafts.get(address).edit;
    if (as?.kind === 'edit' && message !== undefined && (editing === undefined || editing.messageId === message.id)) {
      composer.edit(message);
      composer.changeEdit(message.id, body);
    } else {
      drafts.restore(address, body);
      if (as?.kind === 'reply' && message !== undefined) {
        if (editing === undefined) composer.reply(message);
        else drafts.update(address, { replyTo: message.id });
      }
    }
    setComposerKey((key) => key + 1);
  };

  const messageElement = (id: string): HTMLElement | null => logRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`) ?? null;
  const focusMenuOf = (id: string) => {
    const item = messageElement(id);
    (item?.querySelector<HTMLElement>('.message-menu__button') ?? item)?.focus();
  };

  // Deleted on another device (or the request taken back there): this one leaves the chat as the device that did it.
  const wasContact = useRef(friend !== undefined);
  const isContact = friend !== undefined;
  useEffect(() => {
    if (isContact) wasContact.current = true;
    else if (wasContact.current && stillShown()) onChatDeleted();
  }, [isContact]);

  // The message as it is now: another device may edit or delete it while the dialog asks. Once deleted, nothing is left to confirm.
  const deletingNow = deleting === null ? null : (entries.findLast((entry): entry is MessageEntry => entry.kind === 'message' && entry.direction === deleting.direction && entry.id === deleting.id) ?? null);
  const deletingGone = deleting !== null && (deletingNow === null || deletingNow.deleted);
  useEffect(() => {
    if (!deletingGone) return;
    setDeleting(null);
    focusMenuOf(deleting.id);
  }, [deletingGone]);

  const isShown = (id: string): boolean => session.conversation(address).some((entry) => entry.kind === 'message' && entry.id === id);

  /** Scrolls to the message and highlights it, loading older pages first while it is not in the chat yet. */
  const jumpTo = (id: string) => {
    setRevealing(id);
    void (async () => {
      while (!isShown(id) && (await older.load()));
      if (!isShown(id)) {
        setRevealing(null);
        setSendError({ code: 'unknown_message', message: 'That message is no longer in this conversation.' });
      }
    })();
  };

  // Once the message is rendered (perhaps after older pages arrived).
  useEffect(() => {
    if (revealing === null) return;
    const item = messageElement(revealing);
    if (item === null) return;
    item.focus({ preventScroll: true });
    logEnd.release();
    item.scrollIntoView({ block: 'center', behavior: 'smooth' });
    setHighlightedId(revealing);
    setRevealing(null);
  });

  useEffect(() => {
    if (reveal !== undefined) jumpTo(reveal.messageId);
    // Once per search result chosen, even the same one again.
  }, [reveal]);

  useEffect(() => {
    if (highlightedId === null) return undefined;
    const timer = setTimeout(() => setHighlightedId(null), 2500);
    return () => clearTimeout(timer);
  }, [highlightedId]);

  const messageActions: MessageActions = {
    busyId,
    retry: (id) => act(id, () => session.retryMessage(address, id).then(() => setSendError(null))),
    remove: (id) => act(id, () => session.deleteMessage(address, id), 'general'),
    putBack: (message) =>
      act(
        message.id,
        async () => {
          await session.deleteMessage(address, message.id);
          putBack(message.body, message.replyTo === null ? null : { kind: 'reply', id: message.replyTo.id });
        },
        'general',
      ),
    reply: composer.reply,
    edit: composer.edit,
    deleteForEveryone: (message) => setDeleting(message),
    react: (id, emoji) => act(id, () => session.react(address, id, emoji)),
    jumpTo,
    download: (id, fileIndex, sink, onProgress, signal) =>
      session.downloadFileTo(address, id, fileIndex, sink, { onProgress: (progress) => onProgress(progress.bytesDone, progress.bytesTotal), ...(signal === undefined ? {} : { signal }) }),
  };

  const edit = (id: string, body: string) => {
    composer.end();
    act(id, () =>
      session.editMessage(address, id, body).catch((error: unknown) => {
        if (isUnrecorded(error)) putBack(body, { kind: 'edit', id });
        throw error;
      }),
    );
  };

  const setTimer = (seconds: number | null) => act('timer', () => session.setDisappearingTimer(address, seconds));

  if (friend === undefined) {
    return (
      <section class="chat">
        <ScreenHeading level={2} focusKey={address}>
          {address}
        </ScreenHeading>
        <p>This address is not among your contacts.</p>
      </section>
    );
  }

  const blockedReason = chatBlockedReason(friend.status, address);
  // For good: no timer to set or file to attach any more, only the history to keep or delete.
  const chatEnded = friend.status === 'removed' || friend.status === 'gone';
  // Before they accept there is no friend to remove yet, only our request to take back.
  const requestOnly = friend.status === 'pending-outgoing';
  const canSend = friend.status === 'established';
  const readId = overview.readReceipts ? lastReadOwnId(entries) : null;
  const editLast = () => {
    const last = lastEditableOwn(entries, canSend);
    if (last !== null) composer.edit(last);
  };

  return (
    <section
      class="chat"
      aria-labelledby="chat-heading"
      onDragOver={(event) => {
        if (canSend && event.dataTransfer?.types.includes('Files') === true) event.preventDefault();
      }}
      onDrop={(event) => {
        if (!canSend) return;
        event.preventDefault();
        void uploads.send(Array.from(event.dataTransfer?.files ?? []));
      }}
      onPaste={(event) => {
        const pasted = Array.from(event.clipboardData?.files ?? []);
        if (!canSend || pasted.length === 0) return;
        event.preventDefault();
        void uploads.send(pasted);
      }}
    >
      <header class="chat__header">
        <ScreenHeading level={2} focusKey={address}>
          <span id="chat-heading">{address}</span>
        </ScreenHeading>
        {friend.safetyNumberVerified && <span class="badge chat__verified">✓ Verified</span>}
        <div class="chat__tools">
          {friend.status !== 'pending-outgoing' && (
            <button type="button" class="button button--quiet" onClick={onSafetyNumber}>
              Safety number
            </button>
          )}
          {removalPossible && !askingRemoval && (
            <button ref={removalFocus.openerRef} type="button" class="button button--quiet" onClick={() => setConfirmingRemoval(true)}>
              {requestOnly ? 'Withdraw request' : 'Remove friend'}
            </button>
          )}
          {chatEnded && !isBlocked && !blockPrompt.confirming && (
            <button ref={blockPrompt.buttonRef} type="button" class="button button--quiet" onClick={blockPrompt.open}>
              Block
            </button>
          )}
          {chatEnded && !confirmingChatDeletion && (
            <button ref={chatDeletionFocus.openerRef} type="button" class="button button--quiet" onClick={() => setConfirmingChatDeletion(true)}>
              Delete chat
            </button>
          )}
        </div>
        {!chatEnded && (
          <DisappearingTimerPicker friend={address} seconds={friend.disappearingTimer} disabled={!canSend || busyId === 'timer'} onChange={setTimer} />
        )}
      </header>
      {askingRemoval && (
        <div class="confirm" role="group" aria-label="Confirm removal">
          {requestOnly ? (
            <p>
              Withdraw your friend request to {address}? They can no longer accept it; to be friends later, send a new one.
              Blocking them also refuses their friend requests until you unblock them in Settings.
            </p>
          ) : (
            <p>
              Remove {address}? They will no longer be able to send you messages, and you will need a new friend request to
              talk again. Blocking them also refuses their friend requests until you unblock them in Settings.
            </p>
          )}
          <div class="form-actions">
            <button ref={removeButtonRef} type="button" class="button button--danger" disabled={removing} onClick={() => runRemoval(remove, removeAndBlock)}>
              {requestOnly ? 'Withdraw request' : `Remove ${address}`}
            </button>
            <button ref={removeAndBlockButtonRef} type="button" class="button button--danger" disabled={removing} onClick={() => runRemoval(removeAndBlock, remove)}>
              {requestOnly ? 'Withdraw and block' : 'Remove and block'}
            </button>
            <button ref={removalFocus.safeAnswerRef} type="button" class="button" disabled={removing} onClick={() => setConfirmingRemoval(false)}>
              Keep
            </button>
          </div>
          <ErrorAlert error={remove.error ?? removeAndBlock.error} />
        </div>
      )}
      {blockPrompt.confirming && <BlockConfirm session={session} address={address} onClose={blockPrompt.close} />}
      {isBlocked && (
        <p ref={blockedNoticeRef} class="chat__notice" tabIndex={-1}>
          You blocked {address}. Unblock them in Settings.
        </p>
      )}
      {confirmingChatDeletion && (
        <div class="confirm" role="group" aria-label="Confirm chat deletion" aria-busy={deleteChat.busy}>
          <p>Delete this chat and its history on all your devices? This cannot be undone.</p>
          <div class="form-actions">
            <button ref={confirmDeleteRef} type="button" class="button button--danger" disabled={deleteChat.busy} onClick={() => void deleteChat.run()}>
              Delete
            </button>
            <button ref={chatDeletionFocus.safeAnswerRef} type="button" class="button" disabled={deleteChat.busy} onClick={() => setConfirmingChatDeletion(false)}>
              Keep
            </button>
          </div>
          {deleteChat.busy && <p role="status">Deleting the chat and freeing the space its files took…</p>}
          <ErrorAlert error={deleteChat.error} />
        </div>
      )}
      {blockedReason !== null && (
        <p class={friend.status === 'identity-changed' ? 'chat__notice chat__notice--alarm' : 'chat__notice'}>{blockedReason}</p>
      )}
      {friend.status === 'established' && !friend.safetyNumberVerified && <SafetyNumberNotice session={session} friend={address} onCompare={onSafetyNumber} />}
      {!friend.verified && (
        <p class="chat__notice chat__notice--alarm">
          {address}'s identity could not be checked against their own server. Compare safety numbers before you trust this
          conversation.
        </p>
      )}
      <OlderMessagesBar older={older} />
      {/* The log wraps the list: role="log" on the <ol> itself would take away the list its items belong to. */}
      <div
        ref={logRef}
        class="chat__log"
        role="log"
        aria-live="polite"
        aria-label={`Messages with ${address}`}
        tabIndex={0}
        onScroll={(event) => {
          if (event.currentTarget.scrollTop < SCROLLED_TO_TOP_PX && older.state.kind === 'more') void older.load();
        }}
      >
        <ol class="chat__entries">
          {entries.length === 0 && <li class="chat__empty">{older.state.kind === 'none' || older.state.kind === 'beginning' ? 'No messages yet.' : 'No recent messages.'}</li>}
          {withDaySeparators(entries).map((item, index) =>
            item.kind === 'day' ? (
              <DaySeparator key={`day-${item.at}`} at={item.at} />
            ) : item.kind === 'message' ? (
              <ErrorBoundary key={item.id} fallback={() => <li class="message message--unrenderable">This message cannot be shown.</li>}>
                <MessageItem
                  message={item}
                  friend={address}
                  actions={messageActions}
                  canSend={canSend}
                  showRead={item.id === readId}
                  highlighted={item.id === highlightedId}
                />
              </ErrorBoundary>
            ) : item.kind === 'timer' ? (
              <li key={`timer-${item.direction}-${item.id}`} class="chat__event">
                {timerNotice(item.direction === 'out' ? 'You' : address, item.seconds)}
                {item.sending && ' (sending…)'}
              </li>
            ) : (
              <GapMarker key={`gap-${index}`} direction={item.direction} />
            ),
          )}
        </ol>
      </div>
      <ErrorAlert error={sendError?.explained ?? null} />
      <AttachmentBar uploads={uploads} disabled={!canSend} ended={chatEnded} />
      <MessageComposer
        key={`${composerKey}:${composer.restored}`}
        recipient={address}
        disabled={friend.status !== 'established'}
        initialDraft={composer.draft.text}
        initialEdit={composer.draft.edit}
        onDraftChange={composer.changeText}
        onEditChange={composer.changeEdit}
        measure={(body) => session.measureMessage(body)}
        onSend={send}
        mode={mode}
        onEdit={edit}
        onCancelMode={composer.end}
        onEditLast={editLast}
      />
      {deletingNow !== null && !deletingNow.deleted && (
        <ConfirmDialog
          title="Delete this message for everyone?"
          confirmLabel="Delete for everyone"
          onCancel={() => {
            const id = deletingNow.id;
            setDeleting(null);
            focusMenuOf(id);
          }}
          onConfirm={() => {
            const id = deletingNow.id;
            setDeleting(null);
            // An edit of it under way ends with it: kept, its text would come back as a new message.
            if (mode?.kind === 'edit' && mode.target.id === id) composer.end();
            act(id, () => session.deleteMessage(address, id));
          }}
        >
          <p>
            It disappears from your devices and from {address}'s. They may already have read it, and can always have copied
            what they saw.
          </p>
          <p class="confirm-dialog__quote" dir="auto">
            {excerpt(quotableText(deletingNow))}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
