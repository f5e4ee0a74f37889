/** Slow, salted hash of the client's authKey, compared in constant time. */
export interface AuthKeyHasher {
  hash(authKey: Uint8Array): Promise<string>;
  verify(authKey: Uint8Array, encoded: string): Promise<boolean>;
}

export interface SessionClaims {
  readonly sub: string;
  readonly jti: string;
  /** Expiry, ms since epoch. */
  readonly expiresAt: number;
}

export interface TokenSigner {
  sign(claims: SessionClaims): Promise<string>;
  /** The claims of a well-formed, correctly signed, unexpired token of our audience; else null. */
  verify(token: string): Promise<SessionClaims | null>;
}

/** Keyed MAC with the server's persistent secret (decoy KDF salts, etc.). */
export interface ServerKeyring {
  mac(purpose: string, data: string): Promise<Uint8Array>;
}

/** SHA-256 of a drop token's secret, hex. */
export interface TokenHasher {
  sha256Hex(value: string): string;
}
