import { DetailedServerError, ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { Result } from '../../domain/protocol/result';
import { problemForServerError } from './server-error-table';

/** The value of a successful use case, or the mapped problem thrown for the error handler to send. */
export const valueOrThrow = <T>(result: Result<T, ServerErrorCode | DetailedServerError>): T => {
  if (result.ok) return result.value;
  throw problemForServerError(result.error);
};
