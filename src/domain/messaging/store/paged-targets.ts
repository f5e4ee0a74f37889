import { MessageKey, messageKey, MessageRecord } from '../message';
import { hasOwn, OwnRecord } from '../own-record';
import { kindOfRecord } from '../record-kind';

/*
 * §11's edits and deletes name their target by id only: nothing in them (nor in a page reference)
 * says which page holds it. An edit's own sentAt bounds the target's from above (the author sent it
 * before), which rules out no page older than the edit, so the only way to know a page does not hold
 * the target is to have opened it.
 */

/**
 * The targets that tail edits and deletes (§11) still wait for, by friend: not in the tail, and in
 * none of `sealed` (the keys of the messages in the pages this device has open), so a page not opened
 * yet may hold them. A record that learned its target's time (`targetSentAt`) waits for nothing: a
 * delete had its target in hand, an edit's text reached every copy found.
 */
export const unresolvedTargets = (tail: OwnRecord<MessageRecord>, sealed: () => ReadonlySet<MessageKey>): ReadonlyMap<string, readonly MessageKey[]> => {
  const waiting: { readonly friend: string; readonly target: MessageKey }[] = [];
  for (const record of Object.values(tail)) {
    const kind = kindOfRecord(record);
    if ((kind.type !== 'edit' && kind.type !== 'delete') || record.targetSentAt !== undefined) continue;
    const target = messageKey(record.direction, record.friend, kind.target);
    if (!hasOwn(tail, target)) waiting.push({ friend: record.friend, target });
  }
  const byFriend = new Map<string, MessageKey[]>();
  if (waiting.length === 0) return byFriend;
  const inPages = sealed();
  for (const { friend, target } of waiting) {
    if (inPages.has(target)) continue;
    byFriend.set(friend, [...(byFriend.get(friend) ?? []), target]);
  }
  return byFriend;
};
