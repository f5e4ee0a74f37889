import { KDF_SALT_BYTES, KdfParams } from '../../../domain/protocol/account-rules';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { equalBytes } from '../../../domain/protocol/encoding/bytes';
import { serializeStoreHead } from '../../../domain/messaging/store/head-codec';
import { headForWrite } from '../../../domain/messaging/store/head-write';
import { withTailDocument } from '../../../domain/messaging/store/store-head';
import { markOfHead } from '../session/head-mark';
import { rememberServerKdf } from '../../../domain/messaging/known-servers';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies, reportProgress } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { ProgressListener } from '../messenger';
import { SignedInAccount } from '../session/signed-in-account';
import { asOwner } from '../session/owner-call';
import { AccountKeys, deriveAccountKeys } from '../protocol/account-keys';
import { encryptBlob } from '../protocol/blob-cipher';
import { MAX_WRITE_ATTEMPTS, SaveBlob } from '../session/save-blob';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly progress?: ProgressListener;
}

/**
 * PROTOCOL §4, §5 PUT /account/credentials: a new salt, keys derived anew, and the blob re-encrypted
 * under the new blobKey, all in one atomic server call that also revokes every session (so this
 * device opens a new one). The blob records the new parameters, so our other devices know the
 * change was ours and do not warn about it.
 */
export class ChangePassword {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, input: ChangePasswordInput): Promise<Result<void, ClientError>> {
    const { crypto } = this.deps;
    reportProgress(input.progress, 'deriving-keys', 0);
    const current = await deriveAccountKeys(crypto, input.currentPassword, account.kdf);
    if (!current.ok || !equalBytes(current.value.authKey, account.authKey)) return clientError('wrong_password', 'Your current password is wrong.');
    reportProgress(input.progress, 'deriving-keys', 0.5);
    const kdf: KdfParams = { algorithm: 'argon2id', salt: encodeB64u(crypto.random.bytes(KDF_SALT_BYTES)), ...this.deps.kdfCost };
    const next = await deriveAccountKeys(crypto, input.newPassword, kdf);
    if (!next.ok) return clientError('kdf_downgrade', `This app is configured with password protection it refuses (${next.error}).`);
    reportProgress(input.progress, 'deriving-keys', 1);

    reportProgress(input.progress, 'encrypting');
    const changed = await this.replaceCredentials(account, current.value.authKey, next.value, kdf);
    if (!changed.ok) return changed;
    const session = await account.gateway.openSession({ name: account.name, authKey: encodeB64u(next.value.authKey) });
    if (!session.ok) return fromGateway(session.error, 'Logging in with the new password failed');
    account.changeCredentials({ session: session.value, authKey: next.value.authKey, blobKey: next.value.blobKey, kdf });
    await this.deps.localStore.rememberKdf(account.address, kdf);
    await this.deps.localStore.recordBlobVersion(account.address, account.version);
    return ok(undefined);
  }

  private async replaceCredentials(
    account: SignedInAccount,
    currentAuthKey: Uint8Array,
    keys: AccountKeys,
    kdf: KdfParams,
  ): Promise<Result<void, ClientError>> {
    for (let attempt = 1; ; attempt++) {
      const recorded = rememberServerKdf(account.doc, { address: account.address, kdf, now: this.deps.clock.now(), deviceId: account.deviceId });
      if (!recorded.ok) return clientError('invalid_address', account.address);
      // The head only: pages are sealed under the store key, which a password change keeps (§8.3).
      const head = headForWrite(withTailDocument(account.head, recorded.value), account.parent);
      const ciphertext = await encryptBlob(this.deps.crypto, keys.blobKey, account.name, serializeStoreHead(head));
      const changed = await asOwner(account, (token) =>
        account.gateway.changeCredentials(token, {
          currentAuthKey: encodeB64u(currentAuthKey),
          authKey: encodeB64u(keys.authKey),
          kdf,
          blob: { version: account.version, ciphertext },
        }),
      );
      if (changed.ok) {
        const mark = await markOfHead(this.deps.crypto, changed.value.version, ciphertext);
        account.adoptSaved(head, mark);
        await this.deps.localStore.rememberHead(account.address, mark);
        return ok(undefined);
      }
      if (changed.error.code === 'forbidden') return clientError('wrong_password', 'Your current password is wrong.');
      if (changed.error.code !== 'version_conflict' || attempt >= MAX_WRITE_ATTEMPTS) {
        return fromGateway(changed.error, 'Changing the password failed');
      }
      await this.saveBlob.backOff(attempt);
      const refreshed = await this.saveBlob.refresh(account);
      if (!refreshed.ok) return refreshed;
    }
  }
}
