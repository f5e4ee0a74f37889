import { ok, Result } from '../../domain/protocol/result';
import { STAGED_OBJECT_TTL_MS } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export interface PurgeExpiredOutput {
  readonly captchas: number;
  readonly sessions: number;
  readonly stagedObjects: number;
  /** Inbox items nobody acknowledged within the retention (`STARBASE_DROP_RETENTION_DAYS`). */
  readonly inboxItems: number;
  /** Dropped objects nobody claimed or discarded within the same retention. */
  readonly droppedObjects: number;
}

export type PurgeExpiredDeps = Pick<ServerDependencies, 'captchas' | 'sessions' | 'objects' | 'inbox' | 'clock' | 'policy'>;

/**
 * Housekeeping for a timer or the admin CLI: drops expired captchas, sessions, staged objects no
 * head write committed in time, and what waited in an inbox longer than the retention.
 */
export class PurgeExpired {
  constructor(private readonly deps: PurgeExpiredDeps) {}

  async execute(): Promise<Result<PurgeExpiredOutput, never>> {
    const now = this.deps.clock.now();
    const captchas = await this.deps.captchas.purgeExpired(now);
    const sessions = await this.deps.sessions.purgeExpired(now);
    const stagedObjects = await this.deps.objects.purgeStaged(now - STAGED_OBJECT_TTL_MS);
    const inbox = await this.deps.inbox.purgeOlderThan(now - this.deps.policy.dropRetentionMs);
    return ok({ captchas, sessions, stagedObjects, inboxItems: inbox.items, droppedObjects: inbox.objects });
  }
}
