import {
  AES_GCM_KEY_BYTES,
  AES_GCM_NONCE_BYTES,
  AES_GCM_TAG_BYTES,
  Cipher,
  DecryptFailed,
} from '../../application/ports/client-crypto';
import { err, ok, Result } from '../../domain/protocol/result';
import { asBufferSource, defaultSubtle, isOperationError } from './web-crypto-support';

export class WebCryptoCipher implements Cipher {
  constructor(private readonly subtle: SubtleCrypto = defaultSubtle()) {}

  async encrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    if (nonce.length !== AES_GCM_NONCE_BYTES) throw new RangeError(`AES-GCM nonce must be ${AES_GCM_NONCE_BYTES} bytes`);
    const aesKey = await this.importKey(key, 'encrypt');
    const sealed = await this.subtle.encrypt(this.parameters(nonce, aad), aesKey, asBufferSource(plaintext));
    return new Uint8Array(sealed);
  }

  async decrypt(
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ): Promise<Result<Uint8Array, DecryptFailed>> {
    if (nonce.length !== AES_GCM_NONCE_BYTES || sealed.length < AES_GCM_TAG_BYTES) return err('crypto/decrypt-failed');
    const aesKey = await this.importKey(key, 'decrypt');
    try {
      const plaintext = await this.subtle.decrypt(this.parameters(nonce, aad), aesKey, asBufferSource(sealed));
      return ok(new Uint8Array(plaintext));
    } catch (error) {
      if (isOperationError(error)) return err('crypto/decrypt-failed');
      throw error;
    }
  }

  private importKey(key: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
    if (key.length !== AES_GCM_KEY_BYTES) throw new RangeError(`AES-256-GCM key must be ${AES_GCM_KEY_BYTES} bytes`);
    return this.subtle.importKey('raw', asBufferSource(key), 'AES-GCM', false, [usage]);
  }

  private parameters(nonce: Uint8Array, aad: Uint8Array): AesGcmParams {
    return { name: 'AES-GCM', iv: asBufferSource(nonce), additionalData: asBufferSource(aad), tagLength: AES_GCM_TAG_BYTES * 8 };
  }
}
