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

/**
 * DELETE /account with the password proven again; the server drops blob, inbox and tokens. Then
 * every friend is told with a `friend-remove`, best effort as for a removal, so their apps stop
 * offering a conversation nobody will read.
 */
export class DeleteAccount {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'gateways'>) {}

  async execute(account: SignedInAccount, password: string): Promise<Result<void, ClientError>> {
    const keys = await deriveAccountKeys(this.deps.crypto, password, account.kdf);
    if (!keys.ok) return clientError('wrong_password', 'Wrong password. Your account was not deleted.');
    const deleted = await asOwner(account, (token) => account.gateway.deleteAccount(token, { authKey: encodeB64u(keys.value.authKey) }));
    if (!deleted.ok) {
      return deleted.error.code === 'forbidden'
        ? clientError('wrong_password', 'Wrong password. Your account was not deleted.')
        : fromGateway(deleted.error, 'Deleting the account failed');
    }
    await this.deps.localStore.forgetAccount(account.address);
    const doc = account.doc;
    account.close();
    await this.tellFriends(doc);
    return ok(undefined);
  }

  private async tellFriends(doc: BlobDocument): Promise<void> {
    await Promise.all(removalNoticesForAll(doc).map(({ address, notice }) => sendRemovalNotice(this.deps, address, notice)));
  }
}
