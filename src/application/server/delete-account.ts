import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface DeleteAccountInput {
  readonly name: string;
  readonly authKey: Uint8Array;
}

export type DeleteAccountDeps = Pick<ServerDependencies, 'accounts' | 'hasher'>;

/** Removes the account with its blob, inbox, drop tokens and sessions; needs the authKey again. */
export class DeleteAccount {
  constructor(private readonly deps: DeleteAccountDeps) {}

  async execute(input: DeleteAccountInput): Promise<Result<void, 'auth/forbidden' | 'account/not-found'>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account) return err('account/not-found');
    if (!(await this.deps.hasher.verify(input.authKey, account.authHash))) return err('auth/forbidden');
    if (!(await this.deps.accounts.delete(input.name))) return err('account/not-found');
    return ok(undefined);
  }
}
