import { encodeB64u } from '../../domain/encoding/b64u';
import { ok, Result } from '../../domain/result';
import { ClientDependencies } from './client-dependencies';
import { ClientError, clientError, fromGateway } from './client-error';
import { OpenAccount } from './open-account';
import { asOwner } from './owner-call';
import { deriveAccountKeys } from './protocol/account-keys';

/** DELETE /account with the password proven again; the server drops blob, inbox and tokens. */
export class DeleteAccount {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore'>) {}

  async execute(account: OpenAccount, password: string): Promise<Result<void, ClientError>> {
    const keys = await deriveAccountKeys(this.deps.crypto, password, account.kdf);
    if (!keys.ok) return clientError('wrong_password', 'Wrong password. Your account was not deleted.');
    const deleted = await asOwner(account, (token) => account.gateway.deleteAccount(token, { authKey: encodeB64u(keys.value.authKey) }));
    if (!deleted.ok) {
      return deleted.error.code === 'forbidden'
        ? clientError('wrong_password', 'Wrong password. Your account was not deleted.')
        : fromGateway(deleted.error, 'Deleting the account failed');
    }
    await this.deps.localStore.forgetAccount(account.address);
    account.close();
    return ok(undefined);
  }
}
