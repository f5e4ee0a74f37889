import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, fromGateway } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';
import { LogOutOptions } from '../messenger';

/**
 * Writes what is still only in memory, then DELETE /sessions/current; the keys are forgotten on
 * this device whatever the server says, and with `forgetBrowser` the cached objects too.
 */
export class LogOut {
  private readonly saveBlob: SaveBlob;

  constructor(deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'timer' | 'clock'>) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, options: LogOutOptions = {}): Promise<Result<void, ClientError>> {
    const flushed = account.unsaved ? await this.saveBlob.flush(account) : ok(undefined);
    const closed = await account.gateway.closeSession(account.session.token);
    account.close();
    if (options.forgetBrowser === true) await account.objectCache.forget();
    if (!flushed.ok) return flushed;
    if (!closed.ok && closed.error.code !== 'unauthorized') return fromGateway(closed.error, 'Logging out at the server failed');
    return ok(undefined);
  }
}
