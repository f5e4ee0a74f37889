import { Result } from '../../domain/protocol/result';

/*
 * The client's cryptographic capabilities (PROTOCOL §4). Keys cross these ports as raw bytes,
 * never as runtime key objects, so a hardware-backed or native implementation can replace the
 * WebCrypto one without touching the protocol code.
 */

/** A key that is not 32 bytes, a low-order X25519 point, or an all-zero shared secret. */
export type InvalidKey = 'crypto/invalid-key';
/** Authentication failed: wrong key, wrong nonce, wrong aad, or altered ciphertext. */
export type DecryptFailed = 'crypto/decrypt-failed';

export interface Argon2idCost {
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** The password KDF. */
export interface KeyDerivation {
  /** Argon2id (version 0x13) of `password` with `salt`: 32 bytes. */
  argon2id(password: Uint8Array, salt: Uint8Array, cost: Argon2idCost): Promise<Uint8Array>;
}

export interface Hkdf {
  /** HKDF-SHA-256 (RFC 5869), `length` bytes of output. */
  derive(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array>;
}

export interface X25519KeyPair {
  /** The raw 32-byte scalar. */
  readonly privateKey: Uint8Array;
  /** The raw 32-byte u-coordinate. */
  readonly publicKey: Uint8Array;
}

/** X25519 (RFC 7748). */
export interface KeyAgreement {
  generateKeyPair(): Promise<X25519KeyPair>;
  /** The public key belonging to a raw private key. */
  publicKeyOf(privateKey: Uint8Array): Promise<Result<Uint8Array, InvalidKey>>;
  /**
   * The 32-byte shared secret. Refuses keys that are not 32 bytes, known low-order public keys,
   * and an all-zero result, whatever the underlying implementation would have done with them.
   */
  deriveShared(privateKey: Uint8Array, publicKey: Uint8Array): Promise<Result<Uint8Array, InvalidKey>>;
}

export const AES_GCM_KEY_BYTES = 32;
export const AES_GCM_NONCE_BYTES = 12;
export const AES_GCM_TAG_BYTES = 16;

/** AES-256-GCM with a 12-byte nonce and a 16-byte tag. */
export interface Cipher {
  /** `ciphertext || tag`. Throws on a key or nonce of the wrong size (a bug, not an input). */
  encrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  /** Takes `ciphertext || tag`; any mismatch, including a nonce or input of impossible size, is an error value. */
  decrypt(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Result<Uint8Array, DecryptFailed>>;
}

export interface Digest {
  sha256(data: Uint8Array): Promise<Uint8Array>;
  sha512(data: Uint8Array): Promise<Uint8Array>;
  hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
}

/** A cryptographically secure random source. */
export interface SecureRandom {
  bytes(length: number): Uint8Array;
}

/** Every crypto port the client needs, as one bundle for the composition root. */
export interface ClientCrypto {
  readonly keyDerivation: KeyDerivation;
  readonly hkdf: Hkdf;
  readonly keyAgreement: KeyAgreement;
  readonly cipher: Cipher;
  readonly digest: Digest;
  readonly random: SecureRandom;
}
