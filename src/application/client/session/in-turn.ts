import { Result } from '../../../domain/protocol/result';
import { ClientError } from '../client-error';

/**
 * Runs a write of the account's blob in its turn among the session's operations. Work that waits
 * on a friend's server runs outside that queue, and hands what it must record to one of these.
 */
export type InTurn = <T>(write: () => Promise<Result<T, ClientError>>) => Promise<Result<T, ClientError>>;

/** For a caller that is already in its turn (a use case run whole, as tests and the queue do). */
export const atOnce: InTurn = (write) => write();
