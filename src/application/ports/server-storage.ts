import { AccountRepository } from './account-repository';
import { CaptchaStore } from './captcha-store';
import { DropTokenRepository } from './drop-token-repository';
import { InboxRepository } from './inbox-repository';
import { InviteRepository } from './invite-repository';
import { SessionRepository } from './session-repository';
import { StoreObjectRepository } from './store-object-repository';
import { SecretStore } from './secret-store';
import { UserBlobRepository } from './user-blob-repository';

/** What one storage adapter (memory, sqlite, mongodb) provides: every storage port over one backend. */
export interface ServerStorage {
  readonly accounts: AccountRepository;
  readonly blobs: UserBlobRepository;
  readonly inbox: InboxRepository;
  readonly objects: StoreObjectRepository;
  readonly dropTokens: DropTokenRepository;
  readonly sessions: SessionRepository;
  readonly captchas: CaptchaStore;
  readonly secrets: SecretStore;
  readonly invites: InviteRepository;
  /** True when the backend answers (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
