import 'reflect-metadata';
import { Container } from 'inversify';
import { ImageCaptchaChallenger } from '../adapters/captcha/image-captcha-challenger';
import { PowCaptchaChallenger } from '../adapters/captcha/pow-captcha-challenger';
import { DEFAULT_RATE_LIMITS } from '../adapters/http/rate-limits';
import { DEFAULT_CLIENT_LIMITS } from '../adapters/http/slow-clients';
import { HmacServerKeyring } from '../adapters/security/hmac-server-keyring';
import { JoseTokenSigner } from '../adapters/security/jose-token-signer';
import { NodeTokenHasher } from '../adapters/security/node-token-hasher';
import { DEFAULT_SCRYPT_COST, ScryptAuthKeyHasher } from '../adapters/security/scrypt-auth-key-hasher';
import { CryptoRandomSource } from '../adapters/system/crypto-random-source';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import { ServerStorage } from '../application/ports/server-storage';
import { createAdminUseCases } from '../application/server/admin/admin-use-cases';
import { RedeemInvite } from '../application/server/redeem-invite';
import { ServerPolicy } from '../application/server/server-policy';
import { createServerUseCases } from '../application/server/server-use-cases';
import { inboxQuotasFor } from '../domain/home-server/inbox-quota';
import { SESSION_TTL_MS } from '../domain/home-server/session';
import { StarbaseConfig } from './config';
import { ServerOverrides } from './server-overrides';
import { OpenedStorage } from './storage-modules';
import { TOKENS } from './tokens';

export const EVENTS_HEARTBEAT_MS = 15_000;
const DAY_MS = 24 * 60 * 60 * 1000;
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
  dropRetentionMs: config.dropRetentionDays * DAY_MS,
});

/** The repositories every use case set shares (the invite repository goes by a name of its own). */
const repositoriesOf = (storage: ServerStorage) => ({
  accounts: storage.accounts,
  blobs: storage.blobs,
  inbox: storage.inbox,
  objects: storage.objects,
  dropTokens: storage.dropTokens,
  sessions: storage.sessions,
  captchas: storage.captchas,
});

/** Every port bound to its adapter with factory bindings, so application and domain code carry no decorators. */
export const buildContainer = (config: StarbaseConfig, opened: OpenedStorage, overrides: ServerOverrides = {}): Container => {
  const container = new Container({ defaultScope: 'Singleton' });

  container.bind(TOKENS.ServerStorage).toConstantValue(opened.storage);
  container.bind(TOKENS.InboxNotifier).toConstantValue(opened.notifier);
  container.bind(TOKENS.ServerPolicy).toConstantValue(policyFrom(config));
  container.bind(TOKENS.Clock).toConstantValue(overrides.clock ?? new SystemClock());
  container.bind(TOKENS.IdGenerator).toDynamicValue(() => new RandomIdGenerator());
  container.bind(TOKENS.RandomSource).toDynamicValue(() => new CryptoRandomSource());
  container.bind(TOKENS.TokenHasher).toDynamicValue(() => new NodeTokenHasher());
  container.bind(TOKENS.AuthKeyHasher).toDynamicValue(() => new ScryptAuthKeyHasher(overrides.scryptCost ?? DEFAULT_SCRYPT_COST));
  container
    .bind(TOKENS.TokenSigner)
    .toDynamicValue((ctx) => new JoseTokenSigner(ctx.get(TOKENS.ServerStorage).secrets, ctx.get(TOKENS.Clock), { issuer: JWT_ISSUER }));
  container.bind(TOKENS.ServerKeyring).toDynamicValue((ctx) => new HmacServerKeyring(ctx.get(TOKENS.ServerStorage).secrets));
  const powChallenger = (): PowCaptchaChallenger =>
    new PowCaptchaChallenger(overrides.powMaxNumber === undefined ? {} : { maxNumber: overrides.powMaxNumber });
  container
    .bind(TOKENS.CaptchaChallenger)
    .toDynamicValue(() => (config.captcha === 'pow' ? powChallenger() : new ImageCaptchaChallenger()));
  container.bind(TOKENS.InviteVerifier).toDynamicValue(
    (ctx) =>
      new RedeemInvite({
        inviteRepository: ctx.get(TOKENS.ServerStorage).invites,
        clock: ctx.get(TOKENS.Clock),
        tokenHasher: ctx.get(TOKENS.TokenHasher),
      }),
  );

  container.bind(TOKENS.ServerDependencies).toDynamicValue((ctx) => ({
    ...repositoriesOf(ctx.get(TOKENS.ServerStorage)),
    challenger: ctx.get(TOKENS.CaptchaChallenger),
    ...(config.captcha === 'both' ? { alternativeChallenger: powChallenger() } : {}),
    hasher: ctx.get(TOKENS.AuthKeyHasher),
    signer: ctx.get(TOKENS.TokenSigner),
    keyring: ctx.get(TOKENS.ServerKeyring),
    tokenHasher: ctx.get(TOKENS.TokenHasher),
    clock: ctx.get(TOKENS.Clock),
    ids: ctx.get(TOKENS.IdGenerator),
    random: ctx.get(TOKENS.RandomSource),
    notifier: ctx.get(TOKENS.InboxNotifier),
    policy: ctx.get(TOKENS.ServerPolicy),
    invites: ctx.get(TOKENS.InviteVerifier),
  }));
  container.bind(TOKENS.ServerUseCases).toDynamicValue((ctx) => createServerUseCases(ctx.get(TOKENS.ServerDependencies)));
  container.bind(TOKENS.AdminUseCases).toDynamicValue((ctx) =>
    createAdminUseCases({
      ...repositoriesOf(ctx.get(TOKENS.ServerStorage)),
      inviteRepository: ctx.get(TOKENS.ServerStorage).invites,
      clock: ctx.get(TOKENS.Clock),
      ids: ctx.get(TOKENS.IdGenerator),
      random: ctx.get(TOKENS.RandomSource),
      tokenHasher: ctx.get(TOKENS.TokenHasher),
    }),
  );

  container.bind(TOKENS.HttpSettings).toDynamicValue((ctx) => ({
    policy: ctx.get(TOKENS.ServerPolicy),
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
