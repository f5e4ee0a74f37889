import { GatewayError, GatewayErrorCode } from '../ports/home-server-gateway';
import { err, Err } from '../../domain/result';

/**
 * Why a client use case failed, as the UI needs it: a PROTOCOL §3 problem code passed through
 * from a server, or one of the client's own codes (documented on MessengerError).
 */
export type ClientErrorCode =
  | GatewayErrorCode
  | 'wrong_password'
  | 'kdf_downgrade'
  | 'rollback_detected'
  | 'identity_changed'
  | 'blob_near_cap'
  | 'not_friends'
  | 'invalid_address'
  | 'already_friends'
  | 'request_pending'
  | 'invite_required';

export interface ClientError {
  readonly code: ClientErrorCode;
  /** For people; may quote server text, so render it as text only. Never contains secrets. */
  readonly message: string;
}

export const clientError = (code: ClientErrorCode, message: string): Err<ClientError> => err({ code, message });

export const fromGateway = (error: GatewayError, what: string): Err<ClientError> =>
  clientError(error.code, `${what}: ${error.detail || error.code}`);
