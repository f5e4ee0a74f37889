import { LogDestination } from '../adapters/http/http-dependencies';
import { RateLimitRules } from '../adapters/http/rate-limits';
import { ClientLimits } from '../adapters/http/slow-clients';
import { ScryptCost } from '../adapters/security/scrypt-auth-key-hasher';
import { Clock } from '../application/ports/clock';
import { OpenedStorage } from './storage-modules';

/** What tests, benchmarks and tools may swap; production uses none of these. */
export interface ServerOverrides {
  /** An already opened storage module instead of the configured one (closed by whoever opened it). */
  readonly storage?: OpenedStorage;
  readonly scryptCost?: ScryptCost;
  readonly powMaxNumber?: number;
  readonly clock?: Clock;
  /** Replaces the rules (or turns limits off) regardless of STARBASE_RATE_LIMITS. */
  readonly rateLimits?: RateLimitRules | false;
  readonly eventsHeartbeatMs?: number;
  /** Tighter deadlines for slow clients (tests). */
  readonly clientLimits?: Partial<ClientLimits>;
  /** Log lines go here instead of stdout. */
  readonly logDestination?: LogDestination;
}
