import { InboxNotifier } from '../../application/ports/inbox-notifier';
import { AckInbox } from '../../application/server/ack-inbox';
import { AuthenticateSession } from '../../application/server/authenticate-session';
import { AuthorizeDrop } from '../../application/server/authorize-drop';
import { ChangeCredentials } from '../../application/server/change-credentials';
import { CloseSession } from '../../application/server/close-session';
import { DeleteAccount } from '../../application/server/delete-account';
import { DeleteStoreObject } from '../../application/server/delete-store-object';
import { DropFriendRequest } from '../../application/server/drop-friend-request';
import { DropMessage } from '../../application/server/drop-message';
import { DropObject } from '../../application/server/drop-object';
import { FindStoreObject } from '../../application/server/find-store-object';
import { GetKdfParams } from '../../application/server/get-kdf-params';
import { GetProfile } from '../../application/server/get-profile';
import { IssueCaptcha } from '../../application/server/issue-captcha';
import { IssueDropToken } from '../../application/server/issue-drop-token';
import { ListDropTokens } from '../../application/server/list-drop-tokens';
import { ListInbox } from '../../application/server/list-inbox';
import { ListStoreObjects } from '../../application/server/list-store-objects';
import { OpenSession } from '../../application/server/open-session';
import { PutStoreObject } from '../../application/server/put-store-object';
import { ReadStoreObject } from '../../application/server/read-store-object';
import { ReadUserBlob } from '../../application/server/read-user-blob';
import { RegisterAccount } from '../../application/server/register-account';
import { RevokeDropToken } from '../../application/server/revoke-drop-token';
import { ServerPolicy } from '../../application/server/server-policy';
import { UpdateAccountSettings } from '../../application/server/update-account-settings';
import { WriteUserBlob } from '../../application/server/write-user-blob';
import { OpsDependencies } from './ops/ops-dependencies';
import { RateLimitRules } from './rate-limits';
import { ClientLimits } from './slow-clients';

type UseCase<T extends { execute: unknown }> = Pick<T, 'execute'>;

/** Every use case the routes drive. */
export interface HttpUseCases {
  readonly getKdfParams: UseCase<GetKdfParams>;
  readonly registerAccount: UseCase<RegisterAccount>;
  readonly openSession: UseCase<OpenSession>;
  readonly closeSession: UseCase<CloseSession>;
  readonly authenticateSession: UseCase<AuthenticateSession>;
  readonly readUserBlob: UseCase<ReadUserBlob>;
  readonly writeUserBlob: UseCase<WriteUserBlob>;
  readonly putStoreObject: UseCase<PutStoreObject>;
  readonly readStoreObject: UseCase<ReadStoreObject>;
  readonly findStoreObject: UseCase<FindStoreObject>;
  readonly deleteStoreObject: UseCase<DeleteStoreObject>;
  readonly listStoreObjects: UseCase<ListStoreObjects>;
  readonly updateAccountSettings: UseCase<UpdateAccountSettings>;
  readonly changeCredentials: UseCase<ChangeCredentials>;
  readonly deleteAccount: UseCase<DeleteAccount>;
  readonly issueDropToken: UseCase<IssueDropToken>;
  readonly listDropTokens: UseCase<ListDropTokens>;
  readonly revokeDropToken: UseCase<RevokeDropToken>;
  readonly getProfile: UseCase<GetProfile>;
  readonly issueCaptcha: UseCase<IssueCaptcha>;
  readonly dropFriendRequest: UseCase<DropFriendRequest>;
  readonly authorizeDrop: UseCase<AuthorizeDrop>;
  readonly dropMessage: UseCase<DropMessage>;
  readonly dropObject: UseCase<DropObject>;
  readonly listInbox: UseCase<ListInbox>;
  readonly ackInbox: UseCase<AckInbox>;
}

export interface HttpSettings {
  /** Registration mode, captcha kind and size limits: announced at /.well-known and used for body limits. */
  readonly policy: ServerPolicy;
  /** `https://host[:port]` addresses are formed with; null: the request's Host header. */
  readonly publicUrl: string | null;
  readonly rateLimits: RateLimitRules | false;
  /** Directory of the built web app, served at `/` when it exists; null: API only. */
  readonly webRoot: string | null;
  /** X-Forwarded-For hops to believe: none, the number of proxies in front, or their addresses. */
  readonly trustProxy: false | number | readonly string[];
  /** Pino log level, or false for no logging. */
  readonly logLevel: string | false;
  /** Deadlines and connection caps for slow or greedy clients. */
  readonly clientLimits: ClientLimits;
  /** Comment heartbeat on `/inbox/events`, which also re-checks the session. */
  readonly eventsHeartbeatMs: number;
}

/** Where log lines go instead of stdout (tests capture them to check that no secret is logged). */
export interface LogDestination {
  write(line: string): void;
}

export interface HttpAppDependencies {
  readonly useCases: HttpUseCases;
  readonly notifier: InboxNotifier;
  readonly settings: HttpSettings;
  /** Health, readiness and metrics. */
  readonly ops: OpsDependencies;
  /** Default: stdout. */
  readonly logDestination?: LogDestination;
}
