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
