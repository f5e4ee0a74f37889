import { ServerStorage } from '../../../src/application/ports/server-storage';
import { RedeemInvite } from '../../../src/application/server/redeem-invite';
import { RegisterAccountInput } from '../../../src/application/server/register-account';
import { ServerDependencies } from '../../../src/application/server/server-dependencies';
import { DEFAULT_SERVER_POLICY, ServerPolicy } from '../../../src/application/server/server-policy';
import { createServerUseCases } from '../../../src/application/server/server-use-cases';
import { createMemoryStorage } from '../../../src/adapters/storage/memory/memory-storage';
import { Result } from '../../../src/domain/protocol/result';
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
  const storage: ServerStorage = createMemoryStorage();
  const clock = new FakeClock();
  const challenger = new KnownAnswerCaptchaChallenger();
  const notifier = new InMemoryInboxNotifier();
  const tokenHasher = new Sha256TokenHasher();
  const deps: ServerDependencies = {
    ...storage,
    challenger,
    hasher: new FakeAuthKeyHasher(),
    signer: new FakeTokenSigner(clock),
    keyring: new FakeServerKeyring(),
    tokenHasher,
    clock,
    ids: new CountingIdGenerator(),
    random: new DeterministicRandom(),
    notifier,
    policy: { ...DEFAULT_SERVER_POLICY, ...options.policy },
    invites: options.invites ?? new RedeemInvite({ inviteRepository: storage.invites, clock, tokenHasher }),
  };
  const useCases = createServerUseCases(deps);

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
