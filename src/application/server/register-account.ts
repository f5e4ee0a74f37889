import {
  AUTH_KEY_BYTES,
  checkKdfParams,
  formatAddress,
  isValidAccountName,
  KdfParams,
} from '../../domain/protocol/account-rules';
import { Account } from '../../domain/home-server/account';
import { encodeB64u } from '../../domain/protocol/encoding/b64u';
import { ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { isAcceptableIdentityKey } from '../../domain/protocol/low-order-points';
import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface RegisterAccountInput {
  readonly name: string;
  readonly authKey: Uint8Array;
  readonly kdf: KdfParams;
  /** Raw X25519 public key, 32 bytes. */
  readonly identityKey: Uint8Array;
  readonly blob: { readonly ciphertext: Uint8Array };
  /** host[:port] this server is reached under, for the returned address. */
  readonly authority: string;
  readonly inviteCode?: string;
}

export interface RegisterAccountOutput {
  readonly address: string;
}

export type RegisterAccountError = Extract<
  ServerErrorCode,
  'registration/closed' | 'registration/invite-invalid' | 'input/invalid' | 'blob/too-large' | 'account/name-taken'
>;

export type RegisterAccountDeps = Pick<ServerDependencies, 'accounts' | 'hasher' | 'clock' | 'policy' | 'invites'>;

export class RegisterAccount {
  constructor(private readonly deps: RegisterAccountDeps) {}

  async execute(input: RegisterAccountInput): Promise<Result<RegisterAccountOutput, RegisterAccountError>> {
    const { policy, invites } = this.deps;
    if (policy.registration === 'closed') return err('registration/closed');
    const kdf = checkKdfParams(input.kdf);
    if (!kdf.ok || !isWellFormed(input)) return err('input/invalid');
    if (input.blob.ciphertext.length > policy.blobBytes) return err('blob/too-large');
    // Checked before redeeming an invite so a taken name does not burn the code.
    if (await this.deps.accounts.find(input.name)) return err('account/name-taken');
    if (policy.registration === 'invite') {
      const redeemed = input.inviteCode !== undefined && (await invites.redeem(input.inviteCode)) === true;
      if (!redeemed) return err('registration/invite-invalid');
    }

    const now = this.deps.clock.now();
    const account: Account = {
      name: input.name,
      createdAt: now,
      lastSeenAt: null,
      authHash: await this.deps.hasher.hash(input.authKey),
      kdf: kdf.value,
      identityKey: encodeB64u(input.identityKey),
      openInbox: false,
      disabled: false,
    };
    const created = await this.deps.accounts.create({ account, blobCiphertext: input.blob.ciphertext });
    if (!created.ok) return created;
    return ok({ address: formatAddress({ name: input.name, authority: input.authority }) });
  }
}

const isWellFormed = (input: RegisterAccountInput): boolean =>
  isValidAccountName(input.name) &&
  input.authKey.length === AUTH_KEY_BYTES &&
  isAcceptableIdentityKey(input.identityKey);
