import { ok, Result } from '../../domain/result';
import { ClientError, fromGateway } from './client-error';
import { OpenAccount } from './open-account';

/** DELETE /sessions/current; the keys are forgotten on this device whatever the server says. */
export class LogOut {
  async execute(account: OpenAccount): Promise<Result<void, ClientError>> {
    const closed = await account.gateway.closeSession(account.session.token);
    account.close();
    if (!closed.ok && closed.error.code !== 'unauthorized') return fromGateway(closed.error, 'Logging out at the server failed');
    return ok(undefined);
  }
}
