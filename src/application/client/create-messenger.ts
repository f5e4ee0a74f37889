import { Argon2idCost, ClientCrypto, KeyDerivation, SecureRandom } from '../ports/client-crypto';
import { HomeServerGatewayFactory } from '../ports/home-server-gateway';
import { LocalStore } from '../ports/local-store';
import { Clock } from '../ports/system-ports';
import { KDF_DEFAULT } from '../../domain/account';
import { Result } from '../../domain/result';
import { ClientDependencies } from './client-dependencies';
import { ClientError } from './client-error';
import { ClientSession } from './client-session';
import { createClientUseCases } from './client-use-cases';
import { LiveSyncOptions } from './live-sync';
import { ClientOptions, Messenger, MessengerError } from './messenger';
import { OpenAccount } from './open-account';

export interface CreateMessengerDependencies {
  readonly crypto: ClientCrypto;
  /** Replaces crypto.keyDerivation (e.g. hash-wasm instead of argon2-browser). */
  readonly keyDerivation?: KeyDerivation;
  /** Decides http or https: the composition root builds it with allowHttp for loopback servers. */
  readonly gateways: HomeServerGatewayFactory;
  readonly localStore: LocalStore;
  readonly clock?: Clock;
  /** Replaces crypto.random. */
  readonly random?: SecureRandom;
  /** Argon2id cost for new salts; PROTOCOL defaults (64 MiB, t=3, p=1) unless given. Never below the floor. */
  readonly kdfParams?: Argon2idCost;
  /** Live-sync reconnection timing; defaults to setTimeout-based waiting with random jitter. */
  readonly live?: Partial<LiveSyncOptions>;
}

const systemClock: Clock = { now: () => Date.now() };

const sleepUnlessAborted = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

const unwrapAccount = (result: Result<OpenAccount, ClientError>): OpenAccount => {
  if (!result.ok) throw new MessengerError(result.error.code, result.error.message);
  return result.value;
};

/**
 * The client core behind the Messenger facade. `ClientOptions.allowHttp` has no effect here: the
 * gateway factory given in `deps.gateways` decides the scheme.
 */
export const createMessenger = (deps: CreateMessengerDependencies): Messenger => {
  const crypto: ClientCrypto = {
    ...deps.crypto,
    ...(deps.keyDerivation ? { keyDerivation: deps.keyDerivation } : {}),
    ...(deps.random ? { random: deps.random } : {}),
  };
  const clientDeps: ClientDependencies = {
    crypto,
    gateways: deps.gateways,
    localStore: deps.localStore,
    clock: deps.clock ?? systemClock,
    kdfCost: deps.kdfParams ?? KDF_DEFAULT,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  const useCases = createClientUseCases(clientDeps);
  const liveOptions: LiveSyncOptions = {
    sleep: sleepUnlessAborted,
    jitter: () => (crypto.random.bytes(1)[0] ?? 0) / 256,
    ...deps.live,
  };
  const open = (account: OpenAccount): ClientSession => new ClientSession(account, useCases, liveOptions);
  return {
    register: async (address: string, password: string, options?: ClientOptions) =>
      open(unwrapAccount(await useCases.register.execute({ address, password, ...(options?.onProgress ? { progress: options.onProgress } : {}) }))),
    logIn: async (address: string, password: string, options?: ClientOptions) =>
      open(unwrapAccount(await useCases.logIn.execute({ address, password, ...(options?.onProgress ? { progress: options.onProgress } : {}) }))),
  };
};
