import { AUTH_KEY_BYTES } from '../../domain/protocol/account-rules';
import { Account } from '../../domain/home-server/account';
import { err, ok, Result } from '../../domain/protocol/result';
import { SESSION_TTL_MS } from '../../domain/home-server/session';
import { ServerDependencies } from './server-dependencies';

export interface OpenSessionInput {
  readonly name: string;
  readonly authKey: Uint8Array;
}

export interface OpenSessionOutput {
  /** The signed session token (JWT). */
  readonly token: string;
  /** ms since epoch. */
  readonly expiresAt: number;
}

export type OpenSessionDeps = Pick<
  ServerDependencies,
  'accounts' | 'sessions' | 'hasher' | 'signer' | 'clock' | 'ids' | 'policy'
>;

/** Login. Every failure is the same `auth/unauthorized` after the same amount of hashing work. */
export class OpenSession {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: OpenSessionDeps) {}

  async execute(input: OpenSessionInput): Promise<Result<OpenSessionOutput, 'auth/unauthorized'>> {
    const account = await this.deps.accounts.find(input.name);
    const verified = await this.verify(account, input.authKey);
    if (!account || account.disabled || !verified) return err('auth/unauthorized');

    const now = this.deps.clock.now();
    const expiresAt = now + Math.min(this.deps.policy.sessionTtlMs, SESSION_TTL_MS);
    const jti = this.deps.ids.next();
    await this.deps.sessions.create({ jti, name: account.name, createdAt: now, expiresAt });
    if (!(await this.unchangedSince(account))) {
      await this.deps.sessions.revoke(jti);
      return err('auth/unauthorized');
    }
    await this.deps.accounts.touchLastSeen(account.name, now);
    const token = await this.deps.signer.sign({ sub: account.name, jti, expiresAt });
    return ok({ token, expiresAt });
  }

  /**
   * Deleting the account or changing its password revokes every session it has; one recorded just
   * after that (the key was verified just before) would escape it, so it must not be handed out.
   */
  private async unchangedSince(verified: Account): Promise<boolean> {
    const current = await this.deps.accounts.find(verified.name);
    return current !== null && !current.disabled && current.authHash === verified.authHash;
  }

  /** An unknown name is checked against a fixed hash so it costs as much as a known one. */
  private async verify(account: Account | null, authKey: Uint8Array): Promise<boolean> {
    const encoded = account?.authHash ?? (await this.fixedDummyHash());
    const matches = await this.deps.hasher.verify(authKey, encoded);
    return matches && account !== null && authKey.length === AUTH_KEY_BYTES;
  }

  private fixedDummyHash(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(new Uint8Array(AUTH_KEY_BYTES));
    return this.dummyHash;
  }
}
