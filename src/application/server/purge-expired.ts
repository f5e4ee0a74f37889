import { ok, Result } from '../../domain/protocol/result';
import { STAGED_OBJECT_TTL_MS } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export interface PurgeExpiredOutput {
  readonly captchas: number;
  readonly sessions: number;
  readonly stagedObjects: number;
}

export type PurgeExpiredDeps = Pick<ServerDependencies, 'captchas' | 'sessions' | 'objects' | 'clock'>;

/** Housekeeping for a timer or the admin CLI: drops expired captchas, sessions and staged objects no head write committed in time. */
export class PurgeExpired {
  constructor(private readonly deps: PurgeExpiredDeps) {}

  async execute(): Promise<Result<PurgeExpiredOutput, never>> {
    const now = this.deps.clock.now();
    const captchas = await this.deps.captchas.purgeExpired(now);
    const sessions = await this.deps.sessions.purgeExpired(now);
    const stagedObjects = await this.deps.objects.purgeStaged(now - STAGED_OBJECT_TTL_MS);
    return ok({ captchas, sessions, stagedObjects });
  }
}
