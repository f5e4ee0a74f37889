import 'reflect-metadata';
import { Container } from 'inversify';
import { ImageCaptchaChallenger } from '../adapters/captcha/image-captcha-challenger';
import { PowCaptchaChallenger } from '../adapters/captcha/pow-captcha-challenger';
import { HttpSettings, HttpUseCases, LogDestination } from '../adapters/http/http-dependencies';
import { DEFAULT_RATE_LIMITS, RateLimitRules } from '../adapters/http/rate-limits';
import { ClientLimits, DEFAULT_CLIENT_LIMITS } from '../adapters/http/slow-clients';
import { HmacServerKeyring } from '../adapters/security/hmac-server-keyring';
import { JoseTokenSigner } from '../adapters/security/jose-token-signer';
import { NodeTokenHasher } from '../adapters/security/node-token-hasher';
import { DEFAULT_SCRYPT_COST, ScryptAuthKeyHasher, ScryptCost } from '../adapters/security/scrypt-auth-key-hasher';
import { CryptoRandomSource } from '../adapters/system/crypto-random-source';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import { CaptchaChallenger } from '../application/ports/captcha-challenger';
import { AuthKeyHasher } from '../application/ports/auth-key-hasher';
import { ServerKeyring } from '../application/ports/server-keyring';
import { TokenHasher } from '../application/ports/token-hasher';
import { TokenSigner } from '../application/ports/token-signer';
import { ServerStorage } from '../application/ports/server-storage';
import { Clock } from '../application/ports/clock';
import { IdGenerator } from '../application/ports/id-generator';
import { InboxNotifier } from '../application/ports/inbox-notifier';
import { RandomSource } from '../application/ports/random-source';
import { InviteVerifier } from '../application/server/invite-verifier';
import { RedeemInvite } from '../application/server/redeem-invite';
import { ServerDependencies } from '../application/server/server-dependencies';
import { ServerPolicy } from '../application/server/server-policy';
import { createServerUseCases, ServerUseCases } from '../application/server/server-use-cases';
import { inboxQuotasFor } from '../domain/home-server/inbox-item';
import { SESSION_TTL_MS } from '../domain/home-server/session';
import { StarbaseConfig } from './config';
import { ClosableInboxNotifier, openConfiguredStorage, openInboxNotifierFor } from './storage-factory';
import { TOKENS } from './tokens';

/** What tests, benchmarks and tools may swap; production uses none of these. */
export interface ContainerOverrides {
  /** An already opened storage instead of the configured one (closed by whoever opened it). */
  readonly storage?: ServerStorage;
  readonly scryptCost?: ScryptCost;
  readonly powMaxNumber?: number;
  readonly clock?: Clock;
  /** Replaces the rules (or turns limits off) regardless of STARBASE_RATE_LIMITS. */
  readonly rateLimits?: RateLimitRules | false;
  readonly eventsHeartbeatMs?: number;
  /** Tighter deadlines for slow clients (tests). */
  readonly clientLimits?: Partial<ClientLimits>;
  readonly invites?: InviteVerifier;
  /** Log lines go here instead of stdout. */
  readonly logDestination?: LogDestination;
}

export const EVENTS_HEARTBEAT_MS = 15_000;
const JWT_ISSUER = 'starbase-home-server';

export const policyFrom = (config: StarbaseConfig): ServerPolicy => ({
  registration: config.registration,
  captchaKind: config.captcha === 'pow' ? 'pow' : 'image',
  quotas: inboxQuotasFor(config.inboxItems, config.inboxBytes, config.tokenBytes ?? undefined),
  blobBytes: config.blobBytes,
  envelopeBytes: config.envelopeBytes,
  sessionTtlMs: SESSION_TTL_MS,
  store: { objectBytes: config.objectBytes, storeBytes: config.storeBytes },
  fileBytes: config.fileBytes,
});

/**
 * The composition root: every port bound to its adapter with factory bindings, so application
 * and domain code carry no decorators. The storage module is the one STARBASE_STORAGE names.
 */
export const createContainer = async (config: StarbaseConfig, overrides: ContainerOverrides = {}): Promise<Container> => {
  const container = new Container({ defaultScope: 'Singleton' });
  const storage = overrides.storage ?? (await openConfiguredStorage(config));

  container.bind<StarbaseConfig>(TOKENS.Config).toConstantValue(config);
  container.bind<ServerStorage>(TOKENS.Storage).toConstantValue(storage);
  container.bind<ServerPolicy>(TOKENS.ServerPolicy).toConstantValue(policyFrom(config));
  container.bind<Clock>(TOKENS.Clock).toConstantValue(overrides.clock ?? new SystemClock());
  container.bind<IdGenerator>(TOKENS.IdGenerator).toDynamicValue(() => new RandomIdGenerator());
  container.bind<RandomSource>(TOKENS.RandomSource).toDynamicValue(() => new CryptoRandomSource());
  container.bind<ClosableInboxNotifier>(TOKENS.InboxNotifier).toConstantValue(await openInboxNotifierFor(storage));
  container.bind<TokenHasher>(TOKENS.TokenHasher).toDynamicValue(() => new NodeTokenHasher());
  container
    .bind<AuthKeyHasher>(TOKENS.AuthKeyHasher)
    .toDynamicValue(() => new ScryptAuthKeyHasher(overrides.scryptCost ?? DEFAULT_SCRYPT_COST));
  container
    .bind<TokenSigner>(TOKENS.TokenSigner)
    .toDynamicValue((ctx) => new JoseTokenSigner(storage.secrets, ctx.get<Clock>(TOKENS.Clock), { issuer: JWT_ISSUER }));
  container.bind<ServerKeyring>(TOKENS.ServerKeyring).toDynamicValue(() => new HmacServerKeyring(storage.secrets));
  const powChallenger = (): PowCaptchaChallenger =>
    new PowCaptchaChallenger(overrides.powMaxNumber === undefined ? {} : { maxNumber: overrides.powMaxNumber });
  container
    .bind<CaptchaChallenger>(TOKENS.CaptchaChallenger)
    .toDynamicValue(() => (config.captcha === 'pow' ? powChallenger() : new ImageCaptchaChallenger()));

  container.bind<ServerDependencies>(TOKENS.ServerDependencies).toDynamicValue((ctx) => ({
    accounts: storage.accounts,
    blobs: storage.blobs,
    inbox: storage.inbox,
    objects: storage.objects,
    dropTokens: storage.dropTokens,
    sessions: storage.sessions,
    captchas: storage.captchas,
    challenger: ctx.get<CaptchaChallenger>(TOKENS.CaptchaChallenger),
    ...(config.captcha === 'both' ? { alternativeChallenger: powChallenger() } : {}),
    hasher: ctx.get<AuthKeyHasher>(TOKENS.AuthKeyHasher),
    signer: ctx.get<TokenSigner>(TOKENS.TokenSigner),
    keyring: ctx.get<ServerKeyring>(TOKENS.ServerKeyring),
    tokenHasher: ctx.get<TokenHasher>(TOKENS.TokenHasher),
    clock: ctx.get<Clock>(TOKENS.Clock),
    ids: ctx.get<IdGenerator>(TOKENS.IdGenerator),
    random: ctx.get<RandomSource>(TOKENS.RandomSource),
    notifier: ctx.get<InboxNotifier>(TOKENS.InboxNotifier),
    policy: ctx.get<ServerPolicy>(TOKENS.ServerPolicy),
    invites:
      overrides.invites ??
      new RedeemInvite({
        inviteRepository: storage.invites,
        clock: ctx.get<Clock>(TOKENS.Clock),
        tokenHasher: ctx.get<TokenHasher>(TOKENS.TokenHasher),
      }),
  }));

  container
    .bind<ServerUseCases>(TOKENS.ServerUseCases)
    .toDynamicValue((ctx) => createServerUseCases(ctx.get<ServerDependencies>(TOKENS.ServerDependencies)));
  container.bind<HttpUseCases>(TOKENS.HttpUseCases).toDynamicValue((ctx) => ctx.get<ServerUseCases>(TOKENS.ServerUseCases));

  container.bind<HttpSettings>(TOKENS.HttpSettings).toDynamicValue((ctx) => ({
    policy: ctx.get<ServerPolicy>(TOKENS.ServerPolicy),
    publicUrl: config.publicUrl,
    rateLimits: overrides.rateLimits ?? (config.rateLimits ? DEFAULT_RATE_LIMITS : false),
    webRoot: config.webRoot,
    trustProxy: config.trustProxy,
    logLevel: config.logLevel === 'silent' ? false : config.logLevel,
    clientLimits: { ...DEFAULT_CLIENT_LIMITS, ...overrides.clientLimits },
    eventsHeartbeatMs: overrides.eventsHeartbeatMs ?? EVENTS_HEARTBEAT_MS,
  }));
  return container;
};
