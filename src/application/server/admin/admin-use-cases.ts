import { CreateInvites, CreateInvitesDeps } from '../create-invites';
import { AdminDependencies } from './admin-dependencies';
import { ListAccountSummaries } from './list-account-summaries';
import { ListInvites } from './list-invites';
import { RemoveAccount } from './remove-account';
import { SetAccountDisabled } from './set-account-disabled';
import { ShowAccount } from './show-account';
import { StorageTotals } from './storage-totals';

/** The operator's use cases (`starbase admin …`) over one dependency bag. */
export const createAdminUseCases = (deps: AdminDependencies & CreateInvitesDeps) => ({
  listAccountSummaries: new ListAccountSummaries(deps),
  showAccount: new ShowAccount(deps),
  setAccountDisabled: new SetAccountDisabled(deps),
  removeAccount: new RemoveAccount(deps),
  createInvites: new CreateInvites(deps),
  listInvites: new ListInvites(deps),
  storageTotals: new StorageTotals(deps),
});

export type AdminUseCases = ReturnType<typeof createAdminUseCases>;
