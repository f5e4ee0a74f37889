import { BlobDocument } from './blob-document';
import { MessageRecord } from './message';
import { kindOfRecord } from './record-kind';
import { getSetting } from './settings';

/** §11 read receipts: one setting for every chat, off unless the user turns it on. */
export const READ_RECEIPTS_SETTING = 'readReceipts';

export const readReceiptsOn = (doc: BlobDocument): boolean => getSetting(doc, READ_RECEIPTS_SETTING) === true;

/** Ids are the same on both sides, so ties between two settings made at the same millisecond resolve alike. */
const isLater = (a: MessageRecord, b: MessageRecord): boolean => (a.sentAt !== b.sentAt ? a.sentAt > b.sentAt : a.id > b.id);

const latestTimer = (doc: BlobDocument, friend: string): MessageRecord | null => {
  let latest: MessageRecord | null = null;
  for (const message of Object.values(doc.messages)) {
    if (message.friend !== friend || kindOfRecord(message).type !== 'timer') continue;
    if (latest === null || isLater(message, latest)) latest = message;
  }
  return latest;
};

/**
 * The chat's disappearing timer in seconds, null when off: the latest setting either side sent (by
 * the sender's clock, then id, so every device and both sides agree).
 */
export const disappearingTimerOf = (doc: BlobDocument, friend: string): number | null => {
  const latest = latestTimer(doc, friend);
  const kind = latest === null ? null : kindOfRecord(latest);
  return kind?.type === 'timer' ? kind.expiresIn : null;
};

/**
 * The time to stamp a new timer setting with: after every setting already here, even when this
 * device's clock is behind the friend's, so a change made after seeing theirs wins on both sides.
 */
export const timerSentAt = (doc: BlobDocument, friend: string, now: number): number => {
  const latest = latestTimer(doc, friend);
  return latest === null ? now : Math.max(now, latest.sentAt + 1);
};
