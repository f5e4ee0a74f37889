/** SHA-256 over bytes that arrive in pieces (a file too large to hold at once); WebCrypto has no such API. */
export interface Sha256Stream {
  update(bytes: Uint8Array): void;
  /** The 32-byte digest; the stream cannot be used afterwards. */
  digest(): Uint8Array;
}

export interface StreamingDigest {
  sha256(): Promise<Sha256Stream>;
}
