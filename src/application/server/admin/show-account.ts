import { err, ok, Result } from '../../../domain/protocol/result';
import { AccountSummary, summarizeAccountWithTokens } from './account-summary';
import { AdminDependencies } from './admin-dependencies';

export interface ShowAccountInput {
  readonly name: string;
}

export interface AccountDetails extends AccountSummary {
  /** Public: friends verify it through the safety number. */
  readonly identityKey: string;
  readonly kdf: { readonly memoryKiB: number; readonly iterations: number; readonly parallelism: number };
  readonly dropTokenList: readonly { id: string; createdAt: number; lastUsedAt: number | null; uses: number }[];
}

export type ShowAccountDeps = Pick<AdminDependencies, 'accounts' | 'blobs' | 'inbox' | 'dropTokens' | 'objects'>;

/** One account in detail; the auth hash, KDF salt and token hashes stay out. */
export class ShowAccount {
  constructor(private readonly deps: ShowAccountDeps) {}

  async execute(input: ShowAccountInput): Promise<Result<AccountDetails, 'account/not-found'>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account) return err('account/not-found');
    const { summary, tokens } = await summarizeAccountWithTokens(this.deps, account);
    const { memoryKiB, iterations, parallelism } = account.kdf;
    return ok({
      ...summary,
      identityKey: account.identityKey,
      kdf: { memoryKiB, iterations, parallelism },
      dropTokenList: tokens.map(({ id, createdAt, lastUsedAt, uses }) => ({ id, createdAt, lastUsedAt, uses })),
    });
  }
}
