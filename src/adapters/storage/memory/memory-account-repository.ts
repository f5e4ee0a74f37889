import { AccountRepository, CredentialChange, NewAccount } from '../../../application/ports/account-repository';
import { Account } from '../../../domain/home-server/account';
import { err, ok, Result } from '../../../domain/protocol/result';
import { copyAccount, copyBytes, MemoryState } from './memory-state';

export class MemoryAccountRepository implements AccountRepository {
  constructor(private readonly state: MemoryState) {}

  async create(input: NewAccount): Promise<Result<void, 'account/name-taken'>> {
    const { account } = input;
    if (this.state.accounts.has(account.name)) return err('account/name-taken');
    this.state.accounts.set(account.name, copyAccount(account));
    this.state.blobs.set(account.name, {
      name: account.name,
      version: 1,
      ciphertext: copyBytes(input.blobCiphertext),
      updatedAt: account.createdAt,
    });
    return ok(undefined);
  }

  async find(name: string): Promise<Account | null> {
    const account = this.state.accounts.get(name);
    return account ? copyAccount(account) : null;
  }

  async list(): Promise<Account[]> {
    return [...this.state.accounts.values()].sort((a, b) => a.name.localeCompare(b.name)).map(copyAccount);
  }

  async setOpenInbox(name: string, openInbox: boolean): Promise<Account | null> {
    return this.update(name, (account) => ({ ...account, openInbox }));
  }

  async setDisabled(name: string, disabled: boolean): Promise<Account | null> {
    return this.update(name, (account) => ({ ...account, disabled }));
  }

  async touchLastSeen(name: string, at: number): Promise<void> {
    this.update(name, (account) => ({ ...account, lastSeenAt: at }));
  }

  async changeCredentials(
    change: CredentialChange,
  ): Promise<Result<{ version: number }, 'account/not-found' | 'blob/version-conflict'>> {
    const account = this.state.accounts.get(change.name);
    const blob = this.state.blobs.get(change.name);
    if (!account || !blob) return err('account/not-found');
    if (blob.version !== change.expectedBlobVersion) return err('blob/version-conflict');
    const version = blob.version + 1;
    this.state.accounts.set(change.name, { ...account, authHash: change.authHash, kdf: { ...change.kdf } });
    this.state.blobs.set(change.name, {
      name: change.name,
      version,
      ciphertext: copyBytes(change.blobCiphertext),
      updatedAt: change.now,
    });
    this.revokeSessionsOf(change.name);
    return ok({ version });
  }

  async delete(name: string): Promise<boolean> {
    if (!this.state.accounts.delete(name)) return false;
    this.state.blobs.delete(name);
    this.state.inboxes.delete(name);
    this.state.objects.delete(name);
    for (const [id, token] of this.state.dropTokens) if (token.owner === name) this.state.dropTokens.delete(id);
    for (const [id, captcha] of this.state.captchas) if (captcha.name === name) this.state.captchas.delete(id);
    this.revokeSessionsOf(name);
    return true;
  }

  private update(name: string, change: (account: Account) => Account): Account | null {
    const account = this.state.accounts.get(name);
    if (!account) return null;
    const updated = change(account);
    this.state.accounts.set(name, updated);
    return copyAccount(updated);
  }

  private revokeSessionsOf(name: string): void {
    for (const [jti, session] of this.state.sessions) if (session.name === name) this.state.sessions.delete(jti);
  }
}
