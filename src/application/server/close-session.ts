import { ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface CloseSessionInput {
  readonly jti: string;
}

export type CloseSessionDeps = Pick<ServerDependencies, 'sessions'>;

/** Logout: the session's token stops working at once, not at its expiry. */
export class CloseSession {
  constructor(private readonly deps: CloseSessionDeps) {}

  async execute(input: CloseSessionInput): Promise<Result<void, never>> {
    await this.deps.sessions.revoke(input.jti);
    return ok(undefined);
  }
}
