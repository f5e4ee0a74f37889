import { BlobDocument } from './blob-document';
import { MessageRecord } from './message';
import { kindOfRecord } from './record-kind';
import { getSetting } from './settings';

/** §11 read receipts: one setting for every chat, off unless the user turns it on. */
export const READ_RECEIPTS_SETTING = 'readReceipts';

export const readReceiptsOn = (doc: BlobDocument): boolean => getSetting(doc, READ_RECEIPTS_SETTING) === true;

const isLater = (a: MessageRecord, b: MessageRecord): boolean =>
  a.sentAt !== b.sentAt ? a.sentAt > b.sentAt : a.direction !== b.direction ? a.direction > b.direction : a.id > b.id;

/**
 * The chat's disappearing timer in seconds, null when off: the latest setting either side sent
 * (by the sender's clock, then direction and id, so every device and both sides agree).
 */
export const disappearingTimerOf = (doc: BlobDocument, friend: string): number | null => {
  let latest: MessageRecord | null = null;
  for (const message of Object.values(doc.messages)) {
    if (message.friend !== friend || kindOfRecord(message).type !== 'timer') continue;
    if (latest === null || isLater(message, latest)) latest = message;
  }
  const kind = latest === null ? null : kindOfRecord(latest);
  return kind?.type === 'timer' ? kind.expiresIn : null;
};
