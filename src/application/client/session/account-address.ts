import { parseAddress } from '../../../domain/messaging/address';
import { formatAddress } from '../../../domain/protocol/account-rules';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientError, clientError } from '../client-error';

export interface ResolvedAddress {
  readonly name: string;
  readonly authority: string;
  /** Canonical: lowercase, no default port. */
  readonly address: string;
}

export const resolveAddress = (text: string): Result<ResolvedAddress, ClientError> => {
  const parsed = parseAddress(text);
  if (!parsed.ok) return clientError('invalid_address', `Not an address: ${text.slice(0, 80)}`);
  return ok({ ...parsed.value, address: formatAddress(parsed.value) });
};
