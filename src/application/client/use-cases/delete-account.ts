import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { BlobDocument } from '../../../domain/messaging/blob-document';
import { removalNoticesForAll } from '../../../domain/messaging/friends';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { asOwner } from '../session/owner-call';
import { deriveAccountKeys } from '../protocol/account-keys';
import { sendRemovalNotice } from '../peers/removal-notice';

/** What deleting the account left on this device, which did not keep it from being deleted. */
export interface DeletedAccount {
  /** This device's storage failed to forget what it noted of the account (rollback marks, password settings). */
  readonly recordsKept: boolean;
}

/**
 * DELETE /account with the password proven again; the server drops blob, inbox and tokens. Then
 * every friend is told with a `friend-remove`, best effort as for a removal, so their apps stop
 * offering a conversation nobody will read.
 */
export class DeleteAccount {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'gateways'>) {}

  async execute(account: SignedInAccount, password: string): Promise<Result<DeletedAccount, ClientError>> {
    const keys = await deriveAccountKeys(this.deps.crypto, password, account.kdf);
    if (!keys.ok) return clientError('wrong_password', 'Wrong password. Your account was not deleted.');
    const deleted = await asOwner(account, (token) => account.gateway.deleteAccount(token, { authKey: encodeB64u(keys.value.authKey) }));
    if (!deleted.ok) {
      return deleted.error.code === 'forbidden'
        ? clientError('wrong_password', 'Wrong password. Your account was not deleted.')
        : fromGateway(deleted.error, 'Deleting the account failed');
    }
    // The account is gone at the server: its friends are told even where this device's storage fails.
    const recordsForgotten = await this.forgetRecords(account.address);
    const doc = account.doc;
    account.close();
    await this.tellFriends(doc);
    return ok({ recordsKept: !recordsForgotten });
  }

  private async forgetRecords(address: string): Promise<boolean> {
    try {
      await this.deps.localStore.forgetAccount(address);
      return true;
    } catch {
      return false;
    }
  }

  private async tellFriends(doc: BlobDocument): Promise<void> {
    await Promise.all(removalNoticesForAll(doc).map(({ address, notice }) => sendRemovalNotice(this.deps, address, notice)));
  }
}
