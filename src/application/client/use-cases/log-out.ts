import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, fromGateway } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';
import { LogOutOptions } from '../messenger';
import { DeviceStorageDeadline, deviceStorageDeadline } from '../session/device-storage-deadline';
import { cachedHistoryNotDeleted } from '../session/device-storage-failures';

/** What logging out left on this device, which did not keep the user from leaving. */
export interface LoggedOut {
  /** With `forgetBrowser`: this device's storage failed to delete the cached objects (sealed, they stay). */
  readonly cachedHistoryKept: boolean;
}

/** Deleting the cache after the keys are gone: its failure (or silence) is said, never thrown, as the session has ended anyway. */
const forgetCache = (account: SignedInAccount, within: DeviceStorageDeadline): Promise<boolean> =>
  within(() => account.objectCache.forget(), cachedHistoryNotDeleted).then(
    () => true,
    () => false,
  );

/**
 * Writes what is still only in memory, then DELETE /sessions/current; the keys are forgotten on
 * this device whatever the server says, and with `forgetBrowser` the cached objects too.
 */
export class LogOut {
  private readonly saveBlob: SaveBlob;
  private readonly within: DeviceStorageDeadline;

  constructor(deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'timer' | 'clock' | 'storageDeadlineMs'>) {
    this.saveBlob = new SaveBlob(deps);
    this.within = deviceStorageDeadline(deps.timer, deps.storageDeadlineMs);
  }

  async execute(account: SignedInAccount, options: LogOutOptions = {}): Promise<Result<LoggedOut, ClientError>> {
    const flushed = account.unsaved ? await this.saveBlob.flush(account) : ok(undefined);
    const closed = await account.gateway.closeSession(account.session.token);
    account.close();
    const cacheForgotten = options.forgetBrowser === true ? await forgetCache(account, this.within) : true;
    if (!flushed.ok) return flushed;
    if (!closed.ok && closed.error.code !== 'unauthorized') return fromGateway(closed.error, 'Logging out at the server failed');
    return ok({ cachedHistoryKept: !cacheForgotten });
  }
}
