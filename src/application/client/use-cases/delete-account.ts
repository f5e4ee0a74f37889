import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { RemovalNotice, removalNoticesForAll } from '../../../domain/messaging/friends';
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

/** The account deleted at its server, with the `friend-remove` notices still to drop at every friend's. */
export interface EndedAccount extends DeletedAccount {
  readonly notices: readonly { readonly address: string; readonly notice: RemovalNotice }[];
}

/**
 * DELETE /account with the password proven again; the server drops blob, inbox and tokens. Then
 * every friend is told with a `friend-remove`, best effort as for a removal, so their apps stop
 * offering a conversation nobody will read. `end` and `tell` are the two halves, so a session
 * need not wait on friends' servers.
 */
export class DeleteAccount {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'gateways'>) {}

  async execute(account: SignedInAccount, password: string): Promise<Result<DeletedAccount, ClientError>> {
    const ended = await this.end(account, password);
    if (!ended.ok) return ended;
    await this.tell(ended.value);
    return ok({ recordsKept: ended.value.recordsKept });
  }

  /** Deletes the account at its server and closes it here: what is left is to tell the friends. */
  async end(account: SignedInAccount, password: string): Promise<Result<EndedAccount, ClientError>> {
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
    const notices = removalNoticesForAll(account.doc);
    account.close();
    return ok({ recordsKept: !recordsForgotten, notices });
  }

  /** One drop at each friend's server, each bounded by the gateway's timeout; records nothing (the keys are gone). */
  async tell(ended: EndedAccount): Promise<void> {
    await Promise.all(ended.notices.map(({ address, notice }) => sendRemovalNotice(this.deps, address, notice)));
  }

  private async forgetRecords(address: string): Promise<boolean> {
    try {
      await this.deps.localStore.forgetAccount(address);
      return true;
    } catch {
      return false;
    }
  }
}
