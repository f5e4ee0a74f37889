import { AUTH_KEY_BYTES, checkKdfParams, KdfParams } from '../../domain/protocol/account-rules';
import { ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface ChangeCredentialsInput {
  readonly name: string;
  readonly currentAuthKey: Uint8Array;
  readonly authKey: Uint8Array;
  readonly kdf: KdfParams;
  /** The blob re-encrypted under the new key; `version` is the one it replaces (as If-Match). */
  readonly blob: { readonly version: number; readonly ciphertext: Uint8Array };
}

export interface ChangeCredentialsOutput {
  /** The blob's new version. */
  readonly version: number;
}

export type ChangeCredentialsError = Extract<
  ServerErrorCode,
  'auth/forbidden' | 'input/invalid' | 'blob/too-large' | 'blob/version-conflict' | 'account/not-found'
>;

export type ChangeCredentialsDeps = Pick<ServerDependencies, 'accounts' | 'hasher' | 'clock' | 'policy'>;

/**
 * Password change: new auth hash, KDF params and blob in one atomic write that also revokes every
 * session. A wrong current key is `auth/forbidden`: the session is fine, the proof is not.
 */
export class ChangeCredentials {
  constructor(private readonly deps: ChangeCredentialsDeps) {}

  async execute(input: ChangeCredentialsInput): Promise<Result<ChangeCredentialsOutput, ChangeCredentialsError>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account) return err('account/not-found');
    if (!(await this.deps.hasher.verify(input.currentAuthKey, account.authHash))) return err('auth/forbidden');
    // PROTOCOL §4: the salt is chosen anew on every password change.
    const kdf = checkKdfParams(input.kdf);
    const freshSalt = input.kdf.salt !== account.kdf.salt;
    if (!kdf.ok || !freshSalt || input.authKey.length !== AUTH_KEY_BYTES) return err('input/invalid');
    if (input.blob.ciphertext.length > this.deps.policy.blobBytes) return err('blob/too-large');

    const changed = await this.deps.accounts.changeCredentials({
      name: input.name,
      authHash: await this.deps.hasher.hash(input.authKey),
      kdf: kdf.value,
      expectedBlobVersion: input.blob.version,
      blobCiphertext: input.blob.ciphertext,
      now: this.deps.clock.now(),
    });
    if (!changed.ok) return changed;
    return ok({ version: changed.value.version });
  }
}
