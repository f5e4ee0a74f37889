import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { openWholeHistory } from '../session/open-whole-history';
import { SignedInAccount } from '../session/signed-in-account';

export const EXPORT_FORMAT = 'starbase-export/1';

/**
 * The decrypted data for the user's own records: the head's collections with the whole history
 * (every page read, from the cache where it is). It holds the identity private key and every
 * friendship key, which the export says at the top in words.
 */
export class ExportData {
  constructor(private readonly deps: Pick<ClientDependencies, 'clock' | 'crypto'>) {}

  async execute(account: SignedInAccount): Promise<Result<string, ClientError>> {
    const opened = await openWholeHistory(this.deps, account);
    if (!opened.ok) return opened;
    return ok(this.document(account));
  }

  private document(account: SignedInAccount): string {
    return JSON.stringify(
      {
        format: EXPORT_FORMAT,
        warning: 'PRIVATE: this file contains your private keys. Whoever has it can read your messages and act as you.',
        address: account.address,
        exportedAt: this.deps.clock.now(),
        blobVersion: account.version,
        blob: account.shownDocument,
      },
      null,
      2,
    );
  }
}
