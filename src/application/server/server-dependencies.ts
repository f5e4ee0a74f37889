import { AccountRepository } from '../ports/account-repository';
import { CaptchaChallenger } from '../ports/captcha-challenger';
import { CaptchaStore } from '../ports/captcha-store';
import { DropTokenRepository } from '../ports/drop-token-repository';
import { InboxRepository } from '../ports/inbox-repository';
import { AuthKeyHasher } from '../ports/auth-key-hasher';
import { ServerKeyring } from '../ports/server-keyring';
import { TokenHasher } from '../ports/token-hasher';
import { TokenSigner } from '../ports/token-signer';
import { SessionRepository } from '../ports/session-repository';
import { StoreObjectRepository } from '../ports/store-object-repository';
import { Clock } from '../ports/clock';
import { IdGenerator } from '../ports/id-generator';
import { InboxNotifier } from '../ports/inbox-notifier';
import { RandomSource } from '../ports/random-source';
import { UserBlobRepository } from '../ports/user-blob-repository';
import { InviteVerifier } from './invite-verifier';
import { ServerPolicy } from './server-policy';

/**
 * Everything any server use case may need, under one name per dependency. Each use case takes
 * a `Pick` of it, so the composition root can build one bag and hand it to all of them.
 */
export interface ServerDependencies {
  readonly accounts: AccountRepository;
  readonly blobs: UserBlobRepository;
  readonly inbox: InboxRepository;
  readonly objects: StoreObjectRepository;
  readonly dropTokens: DropTokenRepository;
  readonly sessions: SessionRepository;
  readonly captchas: CaptchaStore;
  /** The captcha a request that names no kind gets. */
  readonly challenger: CaptchaChallenger;
  /** A second kind the server also accepts (`STARBASE_CAPTCHA=both`), on request. */
  readonly alternativeChallenger?: CaptchaChallenger;
  readonly hasher: AuthKeyHasher;
  readonly signer: TokenSigner;
  readonly keyring: ServerKeyring;
  readonly tokenHasher: TokenHasher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: RandomSource;
  readonly notifier: InboxNotifier;
  readonly policy: ServerPolicy;
  /** Asked only when registration is `invite`. */
  readonly invites: InviteVerifier;
}
