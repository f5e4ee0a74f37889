import { ok, Result } from '../../../domain/protocol/result';
import { AccountSummary, summarizeAccount } from './account-summary';
import { AdminDependencies } from './admin-dependencies';

export type ListAccountSummariesDeps = Pick<AdminDependencies, 'accounts' | 'blobs' | 'inbox' | 'dropTokens' | 'objects'>;

/** Every account with its sizes, by name. */
export class ListAccountSummaries {
  constructor(private readonly deps: ListAccountSummariesDeps) {}

  async execute(): Promise<Result<AccountSummary[], never>> {
    const accounts = (await this.deps.accounts.list()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const summaries: AccountSummary[] = [];
    for (const account of accounts) summaries.push(await summarizeAccount(this.deps, account));
    return ok(summaries);
  }
}
