import { Result } from '../../../domain/protocol/result';
import { ClientError, clientError, fromGateway } from '../client-error';
import { readObject } from './read-object';
import { StoreObjectAccess } from './store-object-access';

export const DAMAGED_HISTORY = 'A page of your history on the server cannot be opened: the server damaged it or served another in its place.';

/**
 * A page or index of the account's history, read (cache first) and parsed: a gateway failure
 * reported under `failure`, anything that does not open or parse as damaged.
 */
export const openHistoryObject = async <T>(
  access: StoreObjectAccess,
  id: string,
  parse: (text: string) => Result<T, unknown>,
  failure: string,
): Promise<Result<T, ClientError>> => {
  const text = await readObject(access, id);
  if (!text.ok) return text.error.kind === 'gateway' ? fromGateway(text.error.error, failure) : clientError('bad_response', DAMAGED_HISTORY);
  const parsed = parse(text.value);
  return parsed.ok ? parsed : clientError('bad_response', DAMAGED_HISTORY);
};
