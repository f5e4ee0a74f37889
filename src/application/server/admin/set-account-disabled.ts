import { err, ok, Result } from '../../../domain/protocol/result';
import { AdminDependencies } from './admin-dependencies';

export interface SetAccountDisabledInput {
  readonly name: string;
  readonly disabled: boolean;
}

export interface SetAccountDisabledOutput {
  readonly name: string;
  readonly disabled: boolean;
  /** Sessions ended by disabling (0 when enabling). */
  readonly sessionsRevoked: number;
}

export type SetAccountDisabledDeps = Pick<AdminDependencies, 'accounts' | 'sessions'>;

/**
 * A disabled account cannot log in, takes no friend requests or drops and hands out no captchas;
 * its data stays until it is enabled again or deleted. Disabling also ends its open sessions.
 */
export class SetAccountDisabled {
  constructor(private readonly deps: SetAccountDisabledDeps) {}

  async execute(input: SetAccountDisabledInput): Promise<Result<SetAccountDisabledOutput, 'account/not-found'>> {
    const account = await this.deps.accounts.setDisabled(input.name, input.disabled);
    if (!account) return err('account/not-found');
    const sessionsRevoked = input.disabled ? await this.deps.sessions.revokeAll(input.name) : 0;
    return ok({ name: account.name, disabled: account.disabled, sessionsRevoked });
  }
}
