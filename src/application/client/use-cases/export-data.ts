import { ClientDependencies } from '../client-dependencies';
import { SignedInAccount } from '../session/signed-in-account';

export const EXPORT_FORMAT = 'starbase-export/1';

/**
 * The decrypted blob for the user's own records. It holds the identity private key and every
 * friendship key, which the export says at the top in words.
 */
export class ExportData {
  constructor(private readonly deps: Pick<ClientDependencies, 'clock'>) {}

  execute(account: SignedInAccount): string {
    return JSON.stringify(
      {
        format: EXPORT_FORMAT,
        warning: 'PRIVATE: this file contains your private keys. Whoever has it can read your messages and act as you.',
        address: account.address,
        exportedAt: this.deps.clock.now(),
        blobVersion: account.version,
        blob: account.doc,
      },
      null,
      2,
    );
  }
}
