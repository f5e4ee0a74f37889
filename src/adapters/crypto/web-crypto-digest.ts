import { Digest } from '../../application/ports/client-crypto';
import { asBufferSource, defaultSubtle } from './web-crypto-support';

export class WebCryptoDigest implements Digest {
  constructor(private readonly subtle: SubtleCrypto = defaultSubtle()) {}

  async sha256(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await this.subtle.digest('SHA-256', asBufferSource(data)));
  }

  async sha512(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await this.subtle.digest('SHA-512', asBufferSource(data)));
  }

  async hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
    const hmacKey = await this.subtle.importKey('raw', asBufferSource(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return new Uint8Array(await this.subtle.sign('HMAC', hmacKey, asBufferSource(data)));
  }
}
