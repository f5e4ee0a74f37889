import { ok, Result } from '../../../domain/protocol/result';
import { AdminDependencies } from './admin-dependencies';

export interface InboxTotalsOutput {
  readonly accounts: number;
  readonly inboxItems: number;
  readonly inboxBytes: number;
  readonly storeObjects: number;
  readonly storeObjectBytes: number;
  readonly droppedObjects: number;
  readonly droppedObjectBytes: number;
}

export type InboxTotalsDeps = Pick<AdminDependencies, 'accounts' | 'inbox' | 'objects'>;

/**
 * What `/metrics` reports at every scrape: only the running totals of inboxes and stores (one
 * row each per account), so a scrape never reads the blobs, drop tokens and invites that
 * StorageTotals sums for `starbase admin stats`.
 */
export class InboxTotals {
  constructor(private readonly deps: InboxTotalsDeps) {}

  async execute(): Promise<Result<InboxTotalsOutput, never>> {
    let totals = { accounts: 0, inboxItems: 0, inboxBytes: 0, storeObjects: 0, storeObjectBytes: 0, droppedObjects: 0, droppedObjectBytes: 0 };
    for (const account of await this.deps.accounts.list()) {
      const inbox = await this.deps.inbox.stats(account.name);
      const store = await this.deps.objects.usage(account.name);
      const dropped = await this.deps.inbox.droppedStats(account.name);
      totals = {
        accounts: totals.accounts + 1,
        inboxItems: totals.inboxItems + inbox.items,
        inboxBytes: totals.inboxBytes + inbox.bytes,
        storeObjects: totals.storeObjects + store.objects,
        storeObjectBytes: totals.storeObjectBytes + store.bytes,
        droppedObjects: totals.droppedObjects + dropped.objects,
        droppedObjectBytes: totals.droppedObjectBytes + dropped.bytes,
      };
    }
    return ok(totals);
  }
}
