import { isCanonicalB64u } from '../protocol/encoding/b64u';
import { err, ok, Result } from '../protocol/result';

/*
 * PROTOCOL §8.3's fork log. Every head lists the last LOG_LENGTH heads it descends from as
 * (version, b64u SHA-256 of that head's ciphertext bytes), newest last. A device remembers the head it
 * last read or wrote; a server that shows two devices two histories cannot produce a later head
 * whose log names the head this device remembers, so the next read notices.
 */

export const FORK_LOG_LENGTH = 64;
const SHA256_BYTES = 32;

/** One head as the log names it. */
export interface HeadMark {
  readonly version: number;
  /** b64u of SHA-256 over the head's ciphertext bytes (nonce || ciphertext || tag). */
  readonly hash: string;
}

export type ForkLog = readonly (readonly [version: number, hash: string])[];

export type HeadHistoryFailure =
  /** The server showed a different head for a version this device already knows, or a log that skips it. */
  | 'store/fork'
  /** The server showed a head older than one this device has seen. */
  | 'store/rollback';

/** The log of a head written on top of `parent` (the head read before the write, whose log is `parentLog`). */
export const extendForkLog = (parentLog: ForkLog, parent: HeadMark): ForkLog =>
  [...parentLog.filter(([version]) => version < parent.version), [parent.version, parent.hash] as const].slice(-FORK_LOG_LENGTH);

/**
 * Whether `head` (with its `log`) may follow `remembered` in this device's view of history. Heads more
 * than FORK_LOG_LENGTH versions ahead cannot be checked and pass; the rollback rule still applies.
 */
export const checkHeadHistory = (remembered: HeadMark | null, head: HeadMark, log: ForkLog): Result<void, HeadHistoryFailure> => {
  if (remembered === null) return ok(undefined);
  if (head.version < remembered.version) return err('store/rollback');
  if (head.version === remembered.version) return head.hash === remembered.hash ? ok(undefined) : err('store/fork');
  if (head.version - remembered.version > FORK_LOG_LENGTH) return ok(undefined);
  return log.some(([version, hash]) => version === remembered.version && hash === remembered.hash) ? ok(undefined) : err('store/fork');
};

/** A `log` member as a peer-independent but server-supplied value: well-formed pairs, increasing versions, bounded. */
export const parseForkLog = (value: unknown): ForkLog | null => {
  if (!Array.isArray(value) || value.length > FORK_LOG_LENGTH) return null;
  const pairs: (readonly [number, string])[] = [];
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2) return null;
    const [version, hash] = entry as unknown[];
    if (!Number.isSafeInteger(version) || (version as number) < 1) return null;
    if (typeof hash !== 'string' || !isCanonicalB64u(hash, SHA256_BYTES)) return null;
    const previous = pairs[pairs.length - 1];
    if (previous !== undefined && previous[0] >= (version as number)) return null;
    pairs.push([version as number, hash]);
  }
  return pairs;
};
