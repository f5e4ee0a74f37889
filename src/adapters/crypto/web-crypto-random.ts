import { SecureRandom } from '../../application/ports/client-crypto';

/** getRandomValues refuses more than 65536 bytes per call. */
const MAX_BYTES_PER_CALL = 65536;

export class WebCryptoRandom implements SecureRandom {
  constructor(private readonly crypto: Crypto = globalThis.crypto) {}

  bytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let offset = 0; offset < length; offset += MAX_BYTES_PER_CALL) {
      this.crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + MAX_BYTES_PER_CALL)));
    }
    return bytes;
  }
}
