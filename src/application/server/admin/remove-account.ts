import { err, ok, Result } from '../../../domain/protocol/result';
import { AdminDependencies } from './admin-dependencies';

export interface RemoveAccountInput {
  readonly name: string;
}

export type RemoveAccountDeps = Pick<AdminDependencies, 'accounts'>;

/** The operator's deletion: account, blob, inbox, drop tokens and sessions, without the owner's key. */
export class RemoveAccount {
  constructor(private readonly deps: RemoveAccountDeps) {}

  async execute(input: RemoveAccountInput): Promise<Result<void, 'account/not-found'>> {
    return (await this.deps.accounts.delete(input.name)) ? ok(undefined) : err('account/not-found');
  }
}
