import { ok, Result } from '../../domain/result';
import { ServerDependencies } from './server-dependencies';

export interface PurgeExpiredOutput {
  readonly captchas: number;
  readonly sessions: number;
}

export type PurgeExpiredDeps = Pick<ServerDependencies, 'captchas' | 'sessions' | 'clock'>;

/** Housekeeping for a timer or the admin CLI: drops expired captchas and sessions. */
export class PurgeExpired {
  constructor(private readonly deps: PurgeExpiredDeps) {}

  async execute(): Promise<Result<PurgeExpiredOutput, never>> {
    const now = this.deps.clock.now();
    const captchas = await this.deps.captchas.purgeExpired(now);
    const sessions = await this.deps.sessions.purgeExpired(now);
    return ok({ captchas, sessions });
  }
}
