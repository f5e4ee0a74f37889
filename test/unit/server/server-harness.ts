import { Storage } from '../../../src/application/ports/storage';
import { AckInbox } from '../../../src/application/server/ack-inbox';
import { AuthenticateSession } from '../../../src/application/server/authenticate-session';
import { ChangeCredentials } from '../../../src/application/server/change-credentials';
import { CloseSession } from '../../../src/application/server/close-session';
import { DeleteAccount } from '../../../src/application/server/delete-account';
import { DropFriendRequest } from '../../../src/application/server/drop-friend-request';
import { DropMessage } from '../../../src/application/server/drop-message';
import { GetKdfParams } from '../../../src/application/server/get-kdf-params';
import { GetProfile } from '../../../src/application/server/get-profile';
import { IssueCaptcha } from '../../../src/application/server/issue-captcha';
import { IssueDropToken } from '../../../src/application/server/issue-drop-token';
import { ListDropTokens } from '../../../src/application/server/list-drop-tokens';
import { ListInbox } from '../../../src/application/server/list-inbox';
import { OpenSession } from '../../../src/application/server/open-session';
import { PurgeExpired } from '../../../src/application/server/purge-expired';
import { ReadUserBlob } from '../../../src/application/server/read-user-blob';
import { RegisterAccount, RegisterAccountInput } from '../../../src/application/server/register-account';
import { RevokeDropToken } from '../../../src/application/server/revoke-drop-token';
import { ServerDependencies } from '../../../src/application/server/server-dependencies';
import { DEFAULT_SERVER_POLICY, ServerPolicy } from '../../../src/application/server/server-policy';
import { UpdateAccountSettings } from '../../../src/application/server/update-account-settings';
import { WriteUserBlob } from '../../../src/application/server/write-user-blob';
import { createMemoryStorage } from '../../../src/adapters/storage/memory/memory-storage';
import { Result } from '../../../src/domain/result';
import { anAuthKey, aRegistration } from '../../support/builders';
import {
  CountingIdGenerator,
  DeterministicRandom,
  FakeAuthKeyHasher,
  FakeClock,
  FakeServerKeyring,
  FakeTokenSigner,
  InMemoryInboxNotifier,
  KnownAnswerCaptchaChallenger,
  Sha256TokenHasher,
} from '../../support/fakes';

export const AUTHORITY = 'home.test';

export interface HarnessOptions {
  readonly policy?: Partial<ServerPolicy>;
  readonly invites?: ServerDependencies['invites'];
}

/** Every server use case wired to memory storage and fakes, as the composition root would. */
export const createServerHarness = (options: HarnessOptions = {}) => {
  const storage: Storage = createMemoryStorage();
  const clock = new FakeClock();
  const challenger = new KnownAnswerCaptchaChallenger();
  const notifier = new InMemoryInboxNotifier();
  const deps: ServerDependencies = {
    ...storage,
    challenger,
    hasher: new FakeAuthKeyHasher(),
    signer: new FakeTokenSigner(clock),
    keyring: new FakeServerKeyring(),
    tokenHasher: new Sha256TokenHasher(),
    clock,
    ids: new CountingIdGenerator(),
    random: new DeterministicRandom(),
    notifier,
    policy: { ...DEFAULT_SERVER_POLICY, ...options.policy },
    invites: options.invites,
  };
  const useCases = {
    getKdfParams: new GetKdfParams(deps),
    registerAccount: new RegisterAccount(deps),
    openSession: new OpenSession(deps),
    authenticateSession: new AuthenticateSession(deps),
    closeSession: new CloseSession(deps),
    readUserBlob: new ReadUserBlob(deps),
    writeUserBlob: new WriteUserBlob(deps),
    updateAccountSettings: new UpdateAccountSettings(deps),
    changeCredentials: new ChangeCredentials(deps),
    deleteAccount: new DeleteAccount(deps),
    issueDropToken: new IssueDropToken(deps),
    listDropTokens: new ListDropTokens(deps),
    revokeDropToken: new RevokeDropToken(deps),
    getProfile: new GetProfile(deps),
    issueCaptcha: new IssueCaptcha(deps),
    dropFriendRequest: new DropFriendRequest(deps),
    dropMessage: new DropMessage(deps),
    listInbox: new ListInbox(deps),
    ackInbox: new AckInbox(deps),
    purgeExpired: new PurgeExpired(deps),
  };

  const register = async (overrides: Partial<RegisterAccountInput> = {}) =>
    expectOk(await useCases.registerAccount.execute(aRegistration({ authority: AUTHORITY, ...overrides })));

  const logIn = async (name = 'alice', authKey = anAuthKey()) =>
    expectOk(await useCases.openSession.execute({ name, authKey }));

  const solvedCaptcha = async (name = 'alice') => {
    const issued = expectOk(await useCases.issueCaptcha.execute({ name }));
    return { id: issued.id, answer: challenger.lastAnswer };
  };

  return { storage, clock, challenger, notifier, deps, ...useCases, register, logIn, solvedCaptcha };
};

export type ServerHarness = ReturnType<typeof createServerHarness>;

export const expectOk = <T, E>(result: Result<T, E>): T => {
  if (!result.ok) throw new Error(`expected ok, got error ${JSON.stringify(result.error)}`);
  return result.value;
};
