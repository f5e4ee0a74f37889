import { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { InboxNotifier } from '../../application/ports/system-ports';
import { HttpSettings, HttpUseCases } from './http-dependencies';
import { RateLimiterFactory } from './rate-limits';

/** What every route file receives from buildHttpApp. */
export interface RouteContext {
  readonly useCases: HttpUseCases;
  readonly notifier: InboxNotifier;
  readonly settings: HttpSettings;
  readonly authenticated: onRequestAsyncHookHandler;
  readonly rateLimiter: RateLimiterFactory;
  readonly authorityOf: (request: FastifyRequest) => string;
  readonly bodyLimits: BodyLimits;
}

export interface BodyLimits {
  /** Routes that carry a whole blob (registration, blob writes, password change). */
  readonly blob: number;
  /** Routes that carry one envelope. */
  readonly envelope: number;
  /** `POST /inbox/ack`. */
  readonly ack: number;
  /** Everything else. */
  readonly small: number;
}

const JSON_SLACK_BYTES = 16 * 1024;

/** Base64url grows bytes by 4/3; the slack covers the JSON around it. */
export const bodyLimitsFor = (policy: { blobBytes: number; envelopeBytes: number }): BodyLimits => ({
  blob: Math.ceil((policy.blobBytes * 4) / 3) + JSON_SLACK_BYTES,
  envelope: policy.envelopeBytes + JSON_SLACK_BYTES,
  ack: 128 * 1024,
  small: JSON_SLACK_BYTES,
});
