import { Argon2idCost, ClientCrypto, KeyDerivation, SecureRandom } from '../ports/client-crypto';
import { HomeServerGatewayFactory } from '../ports/home-server-gateway';
import { LocalStore } from '../ports/local-store';
import { ObjectCache } from '../ports/object-cache';
import { SessionKeeper } from '../ports/session-keeper';
import { OpenUploadStores } from './files/pending-uploads';
import { Clock } from '../ports/clock';
import { Timer } from '../ports/timer';
import { StreamingDigest } from '../ports/streaming-digest';
import { KDF_DEFAULT } from '../../domain/protocol/account-rules';
import { Result } from '../../domain/protocol/result';
import { ClientError } from './client-error';
import { ClientSession } from './session/client-session';
import { ClientUseCases, createClientUseCases } from './use-cases/client-use-cases';
import { LiveSyncOptions } from './session/live-sync';
import { ClientOptions, Messenger, MessengerError } from './messenger';
import { SignedInAccount } from './session/signed-in-account';
import { DraftStore } from '../ports/draft-store';
import { KeptDrafts } from './drafts/kept-drafts';
import { storeKeyOf } from './session/account-objects';
import { signInNotForgotten, signInNotKept } from './session/device-storage-failures';
import { deviceStorageDeadline, leftBehind } from './session/device-storage-deadline';
import { boundedObjectCache } from './store/bounded-object-cache';
import { deadline } from './session/deadline';
import { LOG_OUT_DEADLINE_MS } from './use-cases/log-out';

export interface CreateMessengerDependencies {
  readonly crypto: ClientCrypto;
  /** Replaces crypto.keyDerivation (e.g. hash-wasm instead of argon2-browser). */
  readonly keyDerivation?: KeyDerivation;
  /** The gateways to home servers; whoever builds them decides where plain http is allowed. */
  readonly gateways: HomeServerGatewayFactory;
  readonly localStore: LocalStore;
  readonly clock: Clock;
  /** Backoffs between blob write attempts and live-sync reconnections. */
  readonly timer: Timer;
  /** Replaces crypto.random. */
  readonly random?: SecureRandom;
  /** Argon2id cost for new salts; PROTOCOL defaults (64 MiB, t=3, p=1) unless given. Never below the floor. */
  readonly kdfParams?: Argon2idCost;
  /** Where "Stay signed in" keeps the keys; without one the option does nothing. */
  readonly sessionKeeper?: SessionKeeper;
  /** SHA-256 of whole files as they stream (§9.1); without it, sendFiles and downloadFile fail. */
  readonly streamingDigest?: StreamingDigest;
  /** Live-sync reconnection timing; defaults to the timer's waits with random jitter. */
  readonly live?: Partial<LiveSyncOptions>;
  /**
   * This device's cache of an account's store objects (IndexedDB in a browser, memory in Node), so a
   * second login downloads only new pages; without one, pages are downloaded whenever they are read.
   */
  readonly objectCaches?: (address: string) => ObjectCache;
  /** Where an account keeps pending uploads on this device (IndexedDB in a browser), so they survive a reload. */
  readonly uploadStores?: OpenUploadStores;
  /** Where the device keeps what the user typed and has not sent (sealed); without one, keptDrafts answers null. */
  readonly draftStore?: DraftStore;
  /** How long a silent device store is waited on where the user waits too; DEVICE_STORAGE_DEADLINE_MS unless a test shortens it. */
  readonly storageDeadlineMs?: number;
  /** How long logging out waits on the user's own server; LOG_OUT_DEADLINE_MS unless a test shortens it. */
  readonly logOutDeadlineMs?: number;
}

/** The server no longer takes the keys "Stay signed in" kept (the password changed elsewhere), which were forgotten. */
const signInOutdated = (): MessengerError =>
  new MessengerError('sign_in_outdated', 'The server no longer accepts the sign-in this device kept, so it was forgotten; the password is needed again.');

const unwrapAccount = (result: Result<SignedInAccount, ClientError>): SignedInAccount => {
  if (!result.ok) throw new MessengerError(result.error.code, result.error.message);
  return result.value;
};

/** The client core behind the Messenger facade (see CreateMessengerDependencies). */
export const createMessenger = (deps: CreateMessengerDependencies): Messenger => {
  const crypto: ClientCrypto = {
    ...deps.crypto,
    ...(deps.keyDerivation ? { keyDerivation: deps.keyDerivation } : {}),
    ...(deps.random ? { random: deps.random } : {}),
  };
  const within = deviceStorageDeadline(deps.timer, deps.storageDeadlineMs);
  const logOutWithin = deadline(deps.timer, deps.logOutDeadlineMs ?? LOG_OUT_DEADLINE_MS);
  const objectCaches = deps.objectCaches;
  const useCases: ClientUseCases = createClientUseCases({
    crypto,
    gateways: deps.gateways,
    localStore: deps.localStore,
    clock: deps.clock,
    kdfCost: deps.kdfParams ?? KDF_DEFAULT,
    timer: deps.timer,
    ...(objectCaches ? { objectCaches: (address: string) => boundedObjectCache(objectCaches(address), within) } : {}),
    ...(deps.uploadStores ? { uploadStores: deps.uploadStores } : {}),
    ...(deps.streamingDigest === undefined ? {} : { streamingDigest: deps.streamingDigest }),
    ...(deps.storageDeadlineMs === undefined ? {} : { storageDeadlineMs: deps.storageDeadlineMs }),
  });
  const liveOptions: LiveSyncOptions = {
    sleep: (ms, signal) => deps.timer.sleep(ms, signal),
    jitter: () => (crypto.random.bytes(1)[0] ?? 0) / 256,
    ...deps.live,
  };
  const keeper = deps.sessionKeeper;
  const forgetKept = async (): Promise<void> => {
    await keeper?.forget();
  };
  /** A password changed on this device: what "Stay signed in" kept of the account takes its new keys, which alone the server now takes. */
  const renewKept = async (account: SignedInAccount): Promise<void> => {
    const kept = await keeper?.recall();
    if (keeper === undefined || kept?.address !== account.address) return;
    await keeper.keep({ address: account.address, authKey: account.authKey.slice(), blobKey: account.blobKey.slice(), kdf: account.kdf }).catch(async (error: unknown) => {
      // Kept, the old keys would be refused at the next reload, which would say the password changed on another device.
      await keeper.forget().catch(() => undefined);
      throw error;
    });
  };
  const draftStore = deps.draftStore;
  const session = (account: SignedInAccount, keptSignInFailure: MessengerError | null = null): ClientSession =>
    new ClientSession(
      account,
      useCases,
      liveOptions,
      deps.clock,
      within,
      logOutWithin,
      { forget: forgetKept, renew: () => renewKept(account) },
      draftStore === undefined ? null : new KeptDrafts(crypto, draftStore, account.address, storeKeyOf(account.head)),
      keptSignInFailure,
    );
  /** The browser failing to keep (or forget) the sign-in must not keep the user out: signed in for this page, and told. */
  const keepSignIn = async (account: SignedInAccount, staySignedIn: boolean): Promise<MessengerError | null> => {
    if (keeper === undefined) return null;
    if (!staySignedIn) return leftBehind(within, () => keeper.forget(), signInNotForgotten);
    try {
      // Copies: the account wipes its own keys on logout.
      const kept = { address: account.address, authKey: account.authKey.slice(), blobKey: account.blobKey.slice(), kdf: account.kdf };
      await within(() => keeper.keep(kept), signInNotKept);
      return null;
    } catch {
      // Else a sign-in kept before, maybe another account's, would open on the next reload instead.
      await leftBehind(within, () => keeper.forget(), signInNotForgotten);
      return signInNotKept();
    }
  };
  const start = async (
    entry: 'register' | 'logIn',
    address: string,
    password: string,
    options: ClientOptions | undefined,
  ): Promise<ClientSession> => {
    const input = { address, password, ...(options?.onProgress ? { progress: options.onProgress } : {}) };
    const account = unwrapAccount(
      await (entry === 'register'
        ? useCases.register.execute({ ...input, ...(options?.inviteCode === undefined ? {} : { inviteCode: options.inviteCode }) })
        : useCases.logIn.execute({ ...input, ...(options?.confirmKdfChange ? { confirmKdfChange: options.confirmKdfChange } : {}) })),
    );
    return session(account, await keepSignIn(account, options?.staySignedIn === true));
  };
  const resume = async (options: ClientOptions | undefined): Promise<ClientSession | null> => {
    if (keeper === undefined) return null;
    const kept = await within(() => keeper.recall(), signInNotKept).catch(() => {
      throw signInNotKept();
    });
    if (kept === null) return null;
    const resumed = await useCases.resumeSession.execute(kept, options?.onProgress);
    if (!resumed.ok && resumed.error.code === 'unauthorized') {
      const failure = await leftBehind(within, forgetKept, signInNotForgotten);
      throw failure ?? signInOutdated();
    }
    return session(unwrapAccount(resumed));
  };
  return {
    register: (address, password, options) => start('register', address, password, options),
    logIn: (address, password, options) => start('logIn', address, password, options),
    resume,
  };
};
