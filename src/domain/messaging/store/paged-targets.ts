import { keyOfMessage, MessageKey, messageKey, MessageRecord } from '../message';
import { hasOwn, OwnRecord } from '../own-record';
import { kindOfRecord } from '../record-kind';

/*
 * §11's edits and deletes name their target by id only: nothing in them (nor in a page reference)
 * says which page holds it. An edit's own sentAt bounds the target's from above (the author sent it
 * before), which rules out no page older than the edit, so the only way to know a page does not hold
 * the target is to have opened it.
 */

/**
 * The target an edit or delete (§11) may find in a page: none once it learned its target's time
 * (`targetSentAt`: a delete had its target in hand, an edit's text reached every copy found), nor for
 * a delete that still names its target's seq: our own, recorded with its target's tombstone
 * (`withdraw-message.ts`) and shown nowhere of ours, or the friend's, which keeps it only when its
 * target never arrived (`applyIncomingMessage`). No page can give those more, and looking would open
 * older pages at every write: ours until the friend's server took it, theirs while it is in the tail.
 */
export const pagedTargetOf = (record: MessageRecord): string | null => {
  const kind = kindOfRecord(record);
  if ((kind.type !== 'edit' && kind.type !== 'delete') || record.targetSentAt !== undefined) return null;
  if (kind.type === 'delete' && kind.targetSeq !== undefined) return null;
  return kind.target;
};

/**
 * The targets that tail edits and deletes (§11) still wait for, by friend: not in the tail, and in
 * none of `sealed` (the messages of the pages this device has open), so a page not opened yet may
 * hold them (those `pagedTargetOf` names).
 */
export const unresolvedTargets = (tail: OwnRecord<MessageRecord>, sealed: () => readonly MessageRecord[]): ReadonlyMap<string, readonly MessageKey[]> => {
  const waiting: { readonly friend: string; readonly target: MessageKey; readonly targetId: string }[] = [];
  for (const record of Object.values(tail)) {
    const targetId = pagedTargetOf(record);
    if (targetId === null) continue;
    const target = messageKey(record.direction, record.friend, targetId);
    if (!hasOwn(tail, target)) waiting.push({ friend: record.friend, target, targetId });
  }
  const byFriend = new Map<string, MessageKey[]>();
  if (waiting.length === 0) return byFriend;
  const inPages = sealedCopiesOf(sealed(), new Map(waiting.map(({ target, targetId }) => [target, targetId])));
  for (const { friend, target } of waiting) {
    if (inPages.has(target)) continue;
    byFriend.set(friend, [...(byFriend.get(friend) ?? []), target]);
  }
  return byFriend;
};

/**
 * The copies `sealed` holds of `targets` (their keys, with the id each key names), by key. Every
 * write with a record waiting asks this of all the opened pages (a hostile friend can keep one
 * waiting), so a key is built only for a copy whose id is wanted: keying 100,000 opened messages
 * took 35-55 ms a call.
 */
export const sealedCopiesOf = (sealed: readonly MessageRecord[], targets: ReadonlyMap<MessageKey, string>): ReadonlyMap<MessageKey, readonly MessageRecord[]> => {
  const ids = new Set(targets.values());
  const copies = new Map<MessageKey, MessageRecord[]>();
  for (const message of sealed) {
    if (!ids.has(message.id)) continue;
    const key = keyOfMessage(message);
    if (targets.has(key)) copies.set(key, [...(copies.get(key) ?? []), message]);
  }
  return copies;
};
