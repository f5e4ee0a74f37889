import { Hkdf } from '../../application/ports/client-crypto';
import { asBufferSource, defaultSubtle } from './web-crypto-support';

const SHA256_BYTES = 32;
const MAX_OUTPUT_BYTES = 255 * SHA256_BYTES;

export class WebCryptoHkdf implements Hkdf {
  constructor(private readonly subtle: SubtleCrypto = defaultSubtle()) {}

  async derive(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
    if (!Number.isInteger(length) || length < 1 || length > MAX_OUTPUT_BYTES) {
      throw new RangeError(`HKDF-SHA-256 output length must be 1..${MAX_OUTPUT_BYTES}, got ${length}`);
    }
    const key = await this.subtle.importKey('raw', asBufferSource(ikm), 'HKDF', false, ['deriveBits']);
    const bits = await this.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: asBufferSource(salt), info: asBufferSource(info) },
      key,
      length * 8,
    );
    return new Uint8Array(bits);
  }
}
