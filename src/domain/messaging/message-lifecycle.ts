import { BlobDocument } from './blob-document';
import { withoutDeletedChats } from './deleted-chats';
import { keyOfMessage, MessageKey, messageKey, MessageRecord } from './message';
import { deleteMessage } from './messages';
import { getOwn, hasOwn, OwnRecord, setOwn } from './own-record';
import { kindOfRecord } from './record-kind';
import { pagedTargetOf, sealedCopiesOf } from './store/paged-targets';

/*
 * The parts of PROTOCOL §11 that remove text from the store rather than only change what is shown:
 * a delete, and a disappearing message whose time is up. Both become tombstones, which merge like
 * every deletion, so the text leaves every device and never comes back.
 */

/** When a message disappears: counted from sending for our own, from first display for the friend's; null when it does not (yet). */
export const expiresAtOf = (message: MessageRecord): number | null => {
  const kind = kindOfRecord(message);
  if (kind.type !== 'message' || kind.expiresIn === undefined) return null;
  const start = message.direction === 'out' ? message.sentAt : message.displayedAt;
  return start === undefined ? null : start + kind.expiresIn * 1000;
};

const targetKeyOf = (record: MessageRecord, target: string): MessageKey => messageKey(record.direction, record.friend, target);

/** Which of two edits of one message is the newer: the author's seq orders them, the id breaks a tie. */
const isNewerEdit = (a: MessageRecord, b: MessageRecord): boolean => a.seq > b.seq || (a.seq === b.seq && a.id > b.id);

/**
 * Tombstones what must go: the targets of deletes (only the author's own: the target is looked up in
 * the delete's direction; one that has not arrived yet is refused when it does), messages whose time
 * is up, and edits: once their target is here its newest edit's text replaces the stored body (§11:
 * the previous text is not kept) and no edit record stays (ours once delivered); while it is not,
 * only the newest waits for it; the edits of anything tombstoned go too. Deletes remember their
 * target's time when it was here, so only those show a "deleted" mark. Messages of a deleted chat
 * (merged in from a device that had not seen the deletion) are left out. Returns `doc` itself when
 * nothing changes.
 */
export const settleMessages = (doc: BlobDocument, now: number): BlobDocument => {
  const records = Object.entries(doc.messages);
  const doomed = new Set<MessageKey>();
  let current = applyEdits(doc, doomed);
  for (const [key, record] of records) {
    const kind = kindOfRecord(record);
    if (kind.type === 'delete') {
      const targetKey = targetKeyOf(record, kind.target);
      const target = getOwn(doc.messages, targetKey);
      if (target !== undefined && record.targetSentAt === undefined) {
        current = { ...current, messages: setOwn(current.messages, key, { ...record, targetSentAt: target.sentAt }) };
      }
      if (!hasOwn(doc.deletedMessages, targetKey)) doomed.add(targetKey);
    }
    const expiresAt = expiresAtOf(record);
    if (expiresAt !== null && expiresAt <= now) doomed.add(key);
  }
  const isGone = (key: MessageKey): boolean => doomed.has(key) || hasOwn(doc.deletedMessages, key);
  for (const [key, record] of records) {
    const kind = kindOfRecord(record);
    if (kind.type === 'edit' && isGone(targetKeyOf(record, kind.target))) doomed.add(key);
  }
  const settled = [...doomed].reduce((settling, key) => deleteMessage(settling, key, now), current);
  const live = withoutDeletedChats(settled.messages, settled.friends);
  return live === settled.messages ? settled : { ...settled, messages: live };
};

/** Applies the newest edit of each message that is here to the message itself and marks the edit records for removal. */
const applyEdits = (doc: BlobDocument, doomed: Set<MessageKey>): BlobDocument => {
  const newest = new Map<MessageKey, MessageRecord>();
  for (const [key, record] of Object.entries(doc.messages)) {
    const kind = kindOfRecord(record);
    if (kind.type !== 'edit') continue;
    const targetKey = targetKeyOf(record, kind.target);
    const known = newest.get(targetKey);
    if (known === undefined || isNewerEdit(record, known)) {
      if (known !== undefined) doomed.add(keyOfMessage(known));
      newest.set(targetKey, record);
    } else doomed.add(key);
  }
  let current = doc;
  for (const [targetKey, edit] of newest) {
    const target = getOwn(doc.messages, targetKey);
    if (target === undefined || kindOfRecord(target).type !== 'message') continue;
    // Our own edit stays until it reached the friend: the resend queue sends it from the record.
    if (edit.direction === 'in' || edit.deliveredAt !== null) doomed.add(keyOfMessage(edit));
    if (edit.seq > (target.editSeq ?? 0)) {
      current = { ...current, messages: setOwn(current.messages, targetKey, { ...target, body: edit.body, editSeq: edit.seq }) };
    }
  }
  return current;
};

/**
 * Tombstones the sealed messages (copies in pages, which `settleMessages` does not see) whose time
 * is up, so the head write that carries the tombstones also rewrites their pages without them.
 */
export const expireSealedMessages = (doc: BlobDocument, sealed: readonly MessageRecord[], now: number): BlobDocument =>
  sealed.reduce((current, message) => {
    const expiresAt = expiresAtOf(message);
    if (expiresAt === null || expiresAt > now) return current;
    // Keyed only once expired: every write passes every opened message through here.
    const key = keyOfMessage(message);
    return hasOwn(current.deletedMessages, key) ? current : deleteMessage(current, key, now);
  }, doc);

/**
 * What the copies in opened pages (`sealed()`, which `settleMessages` does not see) settle of the
 * records waiting in the tail for a paged target: each learns its target's time (`targetSentAt`) —
 * a delete once its target is in hand (its "deleted" mark then shows), an edit once every copy holds
 * its text (its page was rewritten) — so no later session looks for the target again. The edit
 * itself stays: a device that still shows the old page from memory applies it. Returns `doc` itself
 * when nothing changes.
 */
export const settlePagedTargets = (doc: BlobDocument, sealed: () => readonly MessageRecord[]): BlobDocument => {
  const waiting = Object.entries(doc.messages).flatMap(([key, record]) => {
    const targetId = pagedTargetOf(record);
    if (targetId === null) return [];
    const targetKey = targetKeyOf(record, targetId);
    return hasOwn(doc.messages, targetKey) ? [] : [{ key, record, isEdit: kindOfRecord(record).type === 'edit', targetKey, targetId }];
  });
  // Gathered only when a record waits: most writes have none, and the opened pages may hold the whole history.
  if (waiting.length === 0) return doc;
  const copies = sealedCopiesOf(sealed(), new Map(waiting.map(({ targetKey, targetId }) => [targetKey, targetId])));
  let current = doc;
  for (const { key, record, isEdit, targetKey } of waiting) {
    const found = copies.get(targetKey) ?? [];
    if (found.length === 0) continue;
    if (isEdit && !found.every((copy) => (copy.editSeq ?? 0) >= record.seq)) continue;
    const targetSentAt = Math.min(...found.map((copy) => copy.sentAt));
    current = { ...current, messages: setOwn(current.messages, key, { ...record, targetSentAt }) };
  }
  return current;
};

/**
 * The own-store file chunks (§9.2: `files[].chunks`, the ids on our server) of the messages `after`
 * tombstones and `before` did not: the head write that carries the tombstones releases them, so a
 * deleted or expired file leaves the server with its message. `sources`: where the messages are
 * found (the tail, then the opened pages), looked up rather than merged since most writes remove nothing.
 */
export const chunksOfRemoved = (before: BlobDocument, after: BlobDocument, ...sources: readonly OwnRecord<MessageRecord>[]): string[] =>
  Object.keys(after.deletedMessages)
    .filter((key) => !hasOwn(before.deletedMessages, key))
    .flatMap((key) => {
      const record = sources.reduce<MessageRecord | undefined>((found, records) => found ?? getOwn(records, key), undefined);
      const kind = record === undefined ? undefined : kindOfRecord(record);
      return kind?.type === 'message' ? (kind.files ?? []).flatMap((file) => file.chunks) : [];
    });

/** The earliest deadline of a disappearing message (passed or not), for a timer to settle then; null when nothing is counting down. */
export const nextExpiry = (doc: BlobDocument): number | null =>
  Object.values(doc.messages).reduce<number | null>((earliest, message) => {
    const at = expiresAtOf(message);
    return at === null || (earliest !== null && earliest <= at) ? earliest : at;
  }, null);
