import { Timer } from '../../ports/timer';
import { MessengerError } from '../messenger';
import { Deadline, deadline } from './deadline';

/**
 * A browser's storage can stay silent for good (IndexedDB's open or deleteDatabase blocked by another tab's connection, a
 * wedged storage service): one silent this long has failed as far as anyone can tell, and no screen waits on it longer.
 * Not shorter: a slow device under load must not be told its drafts or history are not kept when they are only late.
 */
export const DEVICE_STORAGE_DEADLINE_MS = 5000;

/** Settles as `waiting` does, or rejects with `silent()` once the device's storage has not answered by the deadline. */
export type DeviceStorageDeadline = Deadline;

export const deviceStorageDeadline = (timer: Timer, deadlineMs: number = DEVICE_STORAGE_DEADLINE_MS): DeviceStorageDeadline => deadline(timer, deadlineMs);

/**
 * Settles to the device's storage failure it went past (`failed`), or null once `deleting` succeeded; never rejects, not
 * even on a store that throws at once, and never waits past the deadline.
 */
export const leftBehind = (
  within: DeviceStorageDeadline,
  deleting: () => Promise<unknown> | undefined,
  failed: () => MessengerError,
): Promise<MessengerError | null> =>
  within(deleting, failed).then(
    () => null,
    () => failed(),
  );
