import { errors, jwtVerify, SignJWT } from 'jose';
import { SessionClaims, TokenSigner } from '../../application/ports/security-ports';
import { Clock, SecretStore } from '../../application/ports/system-ports';
import { persistentSecret } from './persistent-secret';

export const SESSION_AUDIENCE = 'starbase/1';
const ALGORITHM = 'HS256';
const MAX_LIFETIME_S = 60 * 60;
const SECRET_NAME = 'session-signing-key';

export interface JoseTokenSignerOptions {
  readonly issuer: string;
}

/** Session JWTs: HS256 pinned on verify, our audience and issuer, exp ≤ 1 h, a recorded jti. */
export class JoseTokenSigner implements TokenSigner {
  private readonly signingKey: () => Promise<Uint8Array>;

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
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), {
        algorithms: [ALGORITHM],
        audience: SESSION_AUDIENCE,
        issuer: this.options.issuer,
        currentDate: new Date(this.clock.now()),
        maxTokenAge: MAX_LIFETIME_S,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
        return null;
      }
      return { sub: payload.sub, jti: payload.jti, expiresAt: payload.exp * 1000 };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }

}
