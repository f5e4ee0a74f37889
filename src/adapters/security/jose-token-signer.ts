import { errors, jwtVerify, SignJWT } from 'jose';
import { SessionClaims, TokenSigner } from '../../application/ports/token-signer';
import { Clock } from '../../application/ports/clock';
import { SecretStore } from '../../application/ports/secret-store';
import { persistentSecret } from './persistent-secret';

export const SESSION_AUDIENCE = 'starbase/1';
const ALGORITHM = 'HS256';
const MAX_LIFETIME_S = 60 * 60;
const SECRET_NAME = 'session-signing-key';
/** About one token per active device; a full cache only costs the evicted tokens one more verification. */
const VERIFIED_TOKENS_MAX = 10_000;

interface VerifiedToken {
  readonly claims: SessionClaims;
  /** The seconds (since epoch) in which jwtVerify accepts the token: from iat to min(exp - 1, iat + max age). */
  readonly firstSecond: number;
  readonly lastSecond: number;
}

export interface JoseTokenSignerOptions {
  readonly issuer: string;
}

/**
 * Session JWTs: HS256 pinned on verify, our audience and issuer, exp ≤ 1 h, a recorded jti.
 *
 * A token's signature, audience and issuer are checked once: what a verification established stays
 * true for the token's whole life, except the time window, which is checked again on every use.
 * (The WebCrypto HMAC and key import were a fifth of a GET /inbox in the request-path profile.)
 * Whether the session still exists is not this port's question: AuthenticateSession asks the
 * store on every request, so logout, password change and account deletion take effect at once.
 */
export class JoseTokenSigner implements TokenSigner {
  private readonly signingKey: () => Promise<Uint8Array>;
  /** By the whole token text, so a token differing in any byte is verified afresh. */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    secrets: SecretStore,
    private readonly clock: Clock,
    private readonly options: JoseTokenSignerOptions,
  ) {
    this.signingKey = persistentSecret(secrets, SECRET_NAME);
  }

  async sign(claims: SessionClaims): Promise<string> {
    const issuedAt = Math.floor(this.clock.now() / 1000);
    const expiresAt = Math.floor(claims.expiresAt / 1000);
    if (expiresAt > issuedAt + MAX_LIFETIME_S) throw new Error('session tokens live at most one hour');
    return new SignJWT({})
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.sub)
      .setJti(claims.jti)
      .setAudience(SESSION_AUDIENCE)
      .setIssuer(this.options.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(await this.signingKey());
  }

  async verify(token: string): Promise<SessionClaims | null> {
    const nowSecond = Math.floor(this.clock.now() / 1000);
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (nowSecond >= known.firstSecond && nowSecond <= known.lastSecond) return known.claims;
      this.verified.delete(token);
      return null;
    }
    const verified = await this.verifySignedToken(token);
    if (verified === null) return null;
    this.remember(token, verified);
    return verified.claims;
  }

  private remember(token: string, verified: VerifiedToken): void {
    if (this.verified.size >= VERIFIED_TOKENS_MAX) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, verified);
  }

  private async verifySignedToken(token: string): Promise<VerifiedToken | null> {
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), {
        algorithms: [ALGORITHM],
        audience: SESSION_AUDIENCE,
        issuer: this.options.issuer,
        currentDate: new Date(this.clock.now()),
        maxTokenAge: MAX_LIFETIME_S,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      });
      const { sub, jti, exp, iat } = payload;
      if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return null;
      return {
        claims: { sub, jti, expiresAt: exp * 1000 },
        firstSecond: iat,
        lastSecond: Math.min(exp - 1, iat + MAX_LIFETIME_S),
      };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
