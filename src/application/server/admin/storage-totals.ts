import { ok, Result } from '../../../domain/protocol/result';
import { summarizeAccount } from './account-summary';
import { AdminDependencies } from './admin-dependencies';
import { inviteStatus } from './list-invites';

export interface StorageTotalsOutput {
  readonly accounts: number;
  readonly disabledAccounts: number;
  readonly blobBytes: number;
  readonly inboxItems: number;
  readonly inboxBytes: number;
  readonly dropTokens: number;
  readonly storeObjects: number;
  readonly storeObjectBytes: number;
  readonly droppedObjects: number;
  readonly droppedObjectBytes: number;
  readonly unusedInvites: number;
}

export type StorageTotalsDeps = Pick<AdminDependencies, 'accounts' | 'blobs' | 'inbox' | 'dropTokens' | 'objects' | 'inviteRepository' | 'clock'>;

/** What the storage holds in total: for `starbase admin stats` and the inbox gauge in /metrics. */
export class StorageTotals {
  constructor(private readonly deps: StorageTotalsDeps) {}

  async execute(): Promise<Result<StorageTotalsOutput, never>> {
    let totals = { accounts: 0, disabledAccounts: 0, blobBytes: 0, inboxItems: 0, inboxBytes: 0, dropTokens: 0, storeObjects: 0, storeObjectBytes: 0, droppedObjects: 0, droppedObjectBytes: 0 };
    for (const account of await this.deps.accounts.list()) {
      const summary = await summarizeAccount(this.deps, account);
      totals = {
        accounts: totals.accounts + 1,
        disabledAccounts: totals.disabledAccounts + (account.disabled ? 1 : 0),
        blobBytes: totals.blobBytes + summary.blobBytes,
        inboxItems: totals.inboxItems + summary.inboxItems,
        inboxBytes: totals.inboxBytes + summary.inboxBytes,
        dropTokens: totals.dropTokens + summary.dropTokens,
        storeObjects: totals.storeObjects + summary.storeObjects,
        storeObjectBytes: totals.storeObjectBytes + summary.storeObjectBytes,
        droppedObjects: totals.droppedObjects + summary.droppedObjects,
        droppedObjectBytes: totals.droppedObjectBytes + summary.droppedObjectBytes,
      };
    }
    const now = this.deps.clock.now();
    const unusedInvites = (await this.deps.inviteRepository.list()).filter((invite) => inviteStatus(invite, now) === 'unused').length;
    return ok({ ...totals, unusedInvites });
  }
}
