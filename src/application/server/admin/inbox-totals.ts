import { ok, Result } from '../../../domain/result';
import { AdminDependencies } from './admin-dependencies';

export interface InboxTotalsOutput {
  readonly accounts: number;
  readonly inboxItems: number;
  readonly inboxBytes: number;
}

export type InboxTotalsDeps = Pick<AdminDependencies, 'accounts' | 'inbox'>;

/**
 * What `/metrics` reports at every scrape: only the inbox counters, so a scrape never reads the
 * blobs, drop tokens and invites that StorageTotals sums for `starbase admin stats`.
 */
export class InboxTotals {
  constructor(private readonly deps: InboxTotalsDeps) {}

  async execute(): Promise<Result<InboxTotalsOutput, never>> {
    let totals = { accounts: 0, inboxItems: 0, inboxBytes: 0 };
    for (const account of await this.deps.accounts.list()) {
      const inbox = await this.deps.inbox.stats(account.name);
      totals = { accounts: totals.accounts + 1, inboxItems: totals.inboxItems + inbox.items, inboxBytes: totals.inboxBytes + inbox.bytes };
    }
    return ok(totals);
  }
}
