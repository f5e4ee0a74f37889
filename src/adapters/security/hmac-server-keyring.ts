import { createHmac } from 'node:crypto';
import { ServerKeyring } from '../../application/ports/server-keyring';
import { SecretStore } from '../../application/ports/secret-store';
import { persistentSecret } from './persistent-secret';

const SECRET_NAME = 'server-keyring';

/** HMAC-SHA-256 under the server's persistent secret, separated by purpose. */
export class HmacServerKeyring implements ServerKeyring {
  private readonly key: () => Promise<Uint8Array>;

  constructor(secrets: SecretStore) {
    this.key = persistentSecret(secrets, SECRET_NAME);
  }

  async mac(purpose: string, data: string): Promise<Uint8Array> {
    const purposeBytes = Buffer.from(purpose, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(purposeBytes.length);
    // The length prefix keeps (purpose, data) pairs from colliding.
    return new Uint8Array(
      createHmac('sha256', await this.key()).update(length).update(purposeBytes).update(data, 'utf8').digest(),
    );
  }
}
