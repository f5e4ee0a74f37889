import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface AuthenticateSessionInput {
  /** The bearer token, without the `Bearer ` prefix. */
  readonly token: string;
}

export interface AuthenticatedOwner {
  readonly name: string;
  readonly jti: string;
}

export type AuthenticateSessionDeps = Pick<ServerDependencies, 'accounts' | 'sessions' | 'signer' | 'clock'>;

/** A token is only as good as its recorded session: logout and credential changes revoke it. */
export class AuthenticateSession {
  constructor(private readonly deps: AuthenticateSessionDeps) {}

  async execute(input: AuthenticateSessionInput): Promise<Result<AuthenticatedOwner, 'auth/unauthorized'>> {
    const claims = await this.deps.signer.verify(input.token);
    if (!claims) return err('auth/unauthorized');
    const session = await this.deps.sessions.findActive(claims.jti, this.deps.clock.now());
    if (!session || session.name !== claims.sub) return err('auth/unauthorized');
    const account = await this.deps.accounts.find(session.name);
    if (!account || account.disabled) return err('auth/unauthorized');
    return ok({ name: session.name, jti: session.jti });
  }
}
