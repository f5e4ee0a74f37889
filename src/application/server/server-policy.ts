import { CaptchaKind } from '../../domain/home-server/captcha';
import { DEFAULT_INBOX_QUOTAS, InboxQuotas } from '../../domain/home-server/inbox-quota';
import { SESSION_TTL_MS } from '../../domain/home-server/session';
import { DEFAULT_STORE_LIMITS, StoreLimits } from '../../domain/home-server/store/store-object';

export type RegistrationMode = 'open' | 'invite' | 'closed';

/** The operator's choices (PROTOCOL §7), resolved from configuration by the composition root. */
export interface ServerPolicy {
  readonly registration: RegistrationMode;
  readonly captchaKind: CaptchaKind;
  readonly quotas: InboxQuotas;
  /** Max blob ciphertext size, in bytes. */
  readonly blobBytes: number;
  /** Max size of one serialized envelope, in UTF-8 bytes. */
  readonly envelopeBytes: number;
  /** Session lifetime; capped at one hour whatever is configured (PROTOCOL §5). */
  readonly sessionTtlMs: number;
  /** The user store's limits (PROTOCOL §8, §10). */
  readonly store: StoreLimits;
  /** Largest file clients should offer (`STARBASE_FILE_BYTES`); only announced, never enforced. */
  readonly fileBytes: number;
  /** Unclaimed dropped objects and unacknowledged inbox items older than this are deleted (`STARBASE_DROP_RETENTION_DAYS`). */
  readonly dropRetentionMs: number;
}

export const DEFAULT_SERVER_POLICY: ServerPolicy = {
  registration: 'open',
  captchaKind: 'image',
  quotas: DEFAULT_INBOX_QUOTAS,
  blobBytes: 16 * 1024 * 1024,
  envelopeBytes: 64 * 1024,
  sessionTtlMs: SESSION_TTL_MS,
  store: DEFAULT_STORE_LIMITS,
  fileBytes: 100 * 1024 * 1024,
  dropRetentionMs: 30 * 24 * 60 * 60 * 1000,
};
