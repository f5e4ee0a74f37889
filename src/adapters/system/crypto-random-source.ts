import { randomBytes } from 'node:crypto';
import { RandomSource } from '../../application/ports/random-source';

export class CryptoRandomSource implements RandomSource {
  bytes(length: number): Uint8Array {
    return new Uint8Array(randomBytes(length));
  }
}
