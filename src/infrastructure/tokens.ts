import { ServiceIdentifier } from 'inversify';
import { HttpSettings } from '../adapters/http/http-dependencies';
import { CaptchaChallenger } from '../application/ports/captcha-challenger';
import { AuthKeyHasher } from '../application/ports/auth-key-hasher';
import { ServerKeyring } from '../application/ports/server-keyring';
import { TokenHasher } from '../application/ports/token-hasher';
import { TokenSigner } from '../application/ports/token-signer';
import { ServerStorage } from '../application/ports/server-storage';
import { Clock } from '../application/ports/clock';
import { IdGenerator } from '../application/ports/id-generator';
import { RandomSource } from '../application/ports/random-source';
import { AdminUseCases } from '../application/server/admin/admin-use-cases';
import { InviteVerifier } from '../application/server/invite-verifier';
import { ServerDependencies } from '../application/server/server-dependencies';
import { ServerPolicy } from '../application/server/server-policy';
import { ServerUseCases } from '../application/server/server-use-cases';
import { ClosableInboxNotifier } from './storage-modules';

/** A token that carries the type bound to it, so `container.get(TOKENS.Clock)` is a `Clock` without a cast. */
const token = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`starbase.${name}`);

/** DI tokens of the composition root: one per thing the container builds. */
export const TOKENS = {
  ServerStorage: token<ServerStorage>('ServerStorage'),
  InboxNotifier: token<ClosableInboxNotifier>('InboxNotifier'),
  Clock: token<Clock>('Clock'),
  IdGenerator: token<IdGenerator>('IdGenerator'),
  RandomSource: token<RandomSource>('RandomSource'),
  AuthKeyHasher: token<AuthKeyHasher>('AuthKeyHasher'),
  TokenSigner: token<TokenSigner>('TokenSigner'),
  ServerKeyring: token<ServerKeyring>('ServerKeyring'),
  TokenHasher: token<TokenHasher>('TokenHasher'),
  CaptchaChallenger: token<CaptchaChallenger>('CaptchaChallenger'),
  InviteVerifier: token<InviteVerifier>('InviteVerifier'),
  ServerPolicy: token<ServerPolicy>('ServerPolicy'),
  ServerDependencies: token<ServerDependencies>('ServerDependencies'),
  ServerUseCases: token<ServerUseCases>('ServerUseCases'),
  AdminUseCases: token<AdminUseCases>('AdminUseCases'),
  HttpSettings: token<HttpSettings>('HttpSettings'),
} as const;
