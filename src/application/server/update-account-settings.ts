import { AccountView, toAccountView } from '../../domain/home-server/account';
import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface UpdateAccountSettingsInput {
  readonly name: string;
  readonly authority: string;
  readonly openInbox: boolean;
}

export type UpdateAccountSettingsDeps = Pick<ServerDependencies, 'accounts'>;

export class UpdateAccountSettings {
  constructor(private readonly deps: UpdateAccountSettingsDeps) {}

  async execute(input: UpdateAccountSettingsInput): Promise<Result<AccountView, 'account/not-found'>> {
    const account = await this.deps.accounts.setOpenInbox(input.name, input.openInbox);
    if (!account) return err('account/not-found');
    return ok(toAccountView(account, input.authority));
  }
}
