import { CaptchaKind } from '../../domain/captcha';
import { DEFAULT_INBOX_QUOTAS, InboxQuotas } from '../../domain/dead-drop';
import { SESSION_TTL_MS } from '../../domain/session';

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
}

export const DEFAULT_SERVER_POLICY: ServerPolicy = {
  registration: 'open',
  captchaKind: 'image',
  quotas: DEFAULT_INBOX_QUOTAS,
  blobBytes: 16 * 1024 * 1024,
  envelopeBytes: 64 * 1024,
  sessionTtlMs: SESSION_TTL_MS,
};
