/** Slow, salted hash of the client's authKey, compared in constant time. */
export interface AuthKeyHasher {
  hash(authKey: Uint8Array): Promise<string>;
  verify(authKey: Uint8Array, encoded: string): Promise<boolean>;
}
