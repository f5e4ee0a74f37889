import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * Writes what `SignedInAccount.changeLater` kept in memory (a delivery mark), so the user's other
 * devices stop showing "Sending…" for a message this one delivered.
 */
export class WritePendingChanges {
  private readonly saveBlob: SaveBlob;

  constructor(deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'timer' | 'clock'>) {
    this.saveBlob = new SaveBlob(deps);
  }

  execute(account: SignedInAccount): Promise<Result<void, ClientError>> {
    return account.unsaved ? this.saveBlob.flush(account) : Promise.resolve(ok(undefined));
  }
}
