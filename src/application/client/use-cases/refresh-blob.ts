import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * Another device of ours wrote the blob (a `blob` event with its new version): read it and merge
 * it in, so what was sent, read or deleted there shows here. A version this device already has
 * (its own write, heard late) costs nothing.
 */
export class RefreshBlob {
  private readonly saveBlob: SaveBlob;

  constructor(deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'timer' | 'clock'>) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, announcedVersion: number): Promise<Result<void, ClientError>> {
    if (announcedVersion <= account.version) return ok(undefined);
    return this.saveBlob.refresh(account);
  }
}
