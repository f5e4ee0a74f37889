import { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { InboxNotifier } from '../../application/ports/inbox-notifier';
import { HttpSettings, HttpUseCases } from './http-dependencies';
import { b64uLength } from '../../domain/protocol/encoding/b64u';
import { MAX_OBJECT_IDS } from '../../domain/protocol/wire/store-objects';
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
  /** One raw store object (`PUT /store/objects/{id}`): exactly `objectBytes`. */
  readonly object: number;
  /** `POST /inbox/ack`. */
  readonly ack: number;
  /** Everything else. */
  readonly small: number;
}

const JSON_SLACK_BYTES = 16 * 1024;
/** A head write's `objects`: three lists of at most 1000 quoted 22-character ids. */
const OBJECT_CHANGES_BYTES = 3 * MAX_OBJECT_IDS * ('"0123456789012345678901",'.length);

/** Base64url grows bytes by 4/3; the slack covers the JSON around it. */
export const bodyLimitsFor = (policy: { blobBytes: number; envelopeBytes: number; store: { objectBytes: number } }): BodyLimits => ({
  blob: b64uLength(policy.blobBytes) + OBJECT_CHANGES_BYTES + JSON_SLACK_BYTES,
  envelope: policy.envelopeBytes + JSON_SLACK_BYTES,
  object: policy.store.objectBytes,
  ack: 128 * 1024,
  small: JSON_SLACK_BYTES,
});
