import { InvalidKey, KeyAgreement, X25519KeyPair } from '../../application/ports/client-crypto';
import { decodeB64u } from '../../domain/protocol/encoding/b64u';
import { concatBytes, isAllZero } from '../../domain/protocol/encoding/bytes';
import { isLowOrderX25519Point, X25519_KEY_BYTES } from '../../domain/protocol/low-order-points';
import { err, ok, Result } from '../../domain/protocol/result';
import { asBufferSource, defaultSubtle, isOperationError } from './web-crypto-support';

/**
 * WebCrypto imports raw X25519 private keys only inside PKCS#8 (RFC 8410): this DER header
 * (SEQUENCE, version 0, AlgorithmIdentifier id-X25519 1.3.101.110, OCTET STRING wrapping an
 * OCTET STRING of 32 bytes) followed by the scalar is the whole 48-byte document.
 */
const PKCS8_X25519_HEADER = Uint8Array.of(
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
);
const X25519 = { name: 'X25519' } as const;

export class WebCryptoKeyAgreement implements KeyAgreement {
  constructor(private readonly subtle: SubtleCrypto = defaultSubtle()) {}

  async generateKeyPair(): Promise<X25519KeyPair> {
    const generated = await this.subtle.generateKey(X25519, true, ['deriveBits']);
    if (!('privateKey' in generated)) throw new Error('X25519 key generation did not return a key pair');
    // JWK rather than PKCS#8 export: its `d` and `x` are the raw values in every engine.
    const jwk = await this.subtle.exportKey('jwk', generated.privateKey);
    return { privateKey: this.rawFromJwk(jwk.d), publicKey: this.rawFromJwk(jwk.x) };
  }

  async publicKeyOf(privateKey: Uint8Array): Promise<Result<Uint8Array, InvalidKey>> {
    if (privateKey.length !== X25519_KEY_BYTES) return err('crypto/invalid-key');
    const key = await this.importPrivateKey(privateKey, true);
    const jwk = await this.subtle.exportKey('jwk', key);
    return ok(this.rawFromJwk(jwk.x));
  }

  async deriveShared(privateKey: Uint8Array, publicKey: Uint8Array): Promise<Result<Uint8Array, InvalidKey>> {
    if (privateKey.length !== X25519_KEY_BYTES || publicKey.length !== X25519_KEY_BYTES) return err('crypto/invalid-key');
    if (isLowOrderX25519Point(publicKey)) return err('crypto/invalid-key');
    const ownKey = await this.importPrivateKey(privateKey, false);
    const peerKey = await this.subtle.importKey('raw', asBufferSource(publicKey), X25519, false, []);
    let shared: Uint8Array;
    try {
      shared = new Uint8Array(await this.subtle.deriveBits({ name: 'X25519', public: peerKey }, ownKey, 256));
    } catch (error) {
      // Engines that check for an all-zero result themselves report it this way.
      if (isOperationError(error)) return err('crypto/invalid-key');
      throw error;
    }
    return isAllZero(shared) ? err('crypto/invalid-key') : ok(shared);
  }

  private importPrivateKey(privateKey: Uint8Array, extractable: boolean): Promise<CryptoKey> {
    const pkcs8 = asBufferSource(concatBytes(PKCS8_X25519_HEADER, privateKey));
    return this.subtle.importKey('pkcs8', pkcs8, X25519, extractable, ['deriveBits']);
  }

  private rawFromJwk(member: string | undefined): Uint8Array {
    const raw = member === undefined ? null : decodeB64u(member);
    if (raw === null || raw.length !== X25519_KEY_BYTES) throw new Error('X25519 JWK export is not 32 raw bytes');
    return raw;
  }
}
