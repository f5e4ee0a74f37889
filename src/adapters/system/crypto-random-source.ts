import { randomBytes } from 'node:crypto';
import { RandomSource } from '../../application/ports/system-ports';

export class CryptoRandomSource implements RandomSource {
  bytes(length: number): Uint8Array {
    return new Uint8Array(randomBytes(length));
  }
}
