import { AccountRepository } from '../../ports/account-repository';
import { DropTokenRepository } from '../../ports/drop-token-repository';
import { InboxRepository } from '../../ports/inbox-repository';
import { InviteRepository } from '../../ports/invite-repository';
import { SessionRepository } from '../../ports/session-repository';
import { StoreObjectRepository } from '../../ports/store-object-repository';
import { Clock } from '../../ports/clock';
import { UserBlobRepository } from '../../ports/user-blob-repository';

/** What the operator's use cases work on: the stored data, never a client's credentials. */
export interface AdminDependencies {
  readonly accounts: AccountRepository;
  readonly blobs: UserBlobRepository;
  readonly inbox: InboxRepository;
  readonly objects: StoreObjectRepository;
  readonly dropTokens: DropTokenRepository;
  readonly sessions: SessionRepository;
  readonly inviteRepository: InviteRepository;
  readonly clock: Clock;
}
