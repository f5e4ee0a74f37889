import { DraftStore, SealedDraft } from '../../application/ports/draft-store';

/** A DraftStore in process memory: drafts outlive a session, not the process (Node, tests). */
export class MemoryDraftStore implements DraftStore {
  private readonly accounts = new Map<string, Map<string, Uint8Array>>();

  async list(account: string): Promise<readonly SealedDraft[]> {
    return [...(this.accounts.get(account) ?? new Map<string, Uint8Array>())].map(([name, sealed]) => ({ name, sealed: sealed.slice() }));
  }

  async put(account: string, draft: SealedDraft): Promise<void> {
    const drafts = this.accounts.get(account) ?? new Map<string, Uint8Array>();
    drafts.set(draft.name, draft.sealed.slice());
    this.accounts.set(account, drafts);
  }

  async remove(account: string, name: string): Promise<void> {
    this.accounts.get(account)?.delete(name);
  }

  async forgetAccount(account: string): Promise<void> {
    this.accounts.delete(account);
  }
}
