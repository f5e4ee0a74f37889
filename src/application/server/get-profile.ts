import { formatAddress } from '../../domain/protocol/account-rules';
import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface GetProfileInput {
  readonly name: string;
  readonly authority: string;
}

export interface Profile {
  readonly address: string;
  /** b64u X25519 public key. */
  readonly identityKey: string;
  readonly openInbox: boolean;
}

export type GetProfileDeps = Pick<ServerDependencies, 'accounts'>;

/** Public: names are not secret (PROTOCOL §1). A disabled account takes no new contacts, so it has none. */
export class GetProfile {
  constructor(private readonly deps: GetProfileDeps) {}

  async execute(input: GetProfileInput): Promise<Result<Profile, 'account/not-found'>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account || account.disabled) return err('account/not-found');
    return ok({
      address: formatAddress({ name: account.name, authority: input.authority }),
      identityKey: account.identityKey,
      openInbox: account.openInbox,
    });
  }
}
