/** DI tokens of the composition root: one Symbol per thing the container builds. */
export const TOKENS = {
  Config: Symbol.for('starbase.Config'),
  Storage: Symbol.for('starbase.Storage'),
  Clock: Symbol.for('starbase.Clock'),
  IdGenerator: Symbol.for('starbase.IdGenerator'),
  RandomSource: Symbol.for('starbase.RandomSource'),
  InboxNotifier: Symbol.for('starbase.InboxNotifier'),
  AuthKeyHasher: Symbol.for('starbase.AuthKeyHasher'),
  TokenSigner: Symbol.for('starbase.TokenSigner'),
  ServerKeyring: Symbol.for('starbase.ServerKeyring'),
  TokenHasher: Symbol.for('starbase.TokenHasher'),
  CaptchaChallenger: Symbol.for('starbase.CaptchaChallenger'),
  ServerPolicy: Symbol.for('starbase.ServerPolicy'),
  ServerDependencies: Symbol.for('starbase.ServerDependencies'),
  ServerUseCases: Symbol.for('starbase.ServerUseCases'),
  HttpUseCases: Symbol.for('starbase.HttpUseCases'),
  HttpSettings: Symbol.for('starbase.HttpSettings'),
} as const;
