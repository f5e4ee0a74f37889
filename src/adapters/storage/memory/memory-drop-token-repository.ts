import { DropTokenRepository } from '../../../application/ports/drop-token-repository';
import { DropToken } from '../../../domain/home-server/drop-token';
import { MemoryState } from './memory-state';

export class MemoryDropTokenRepository implements DropTokenRepository {
  constructor(private readonly state: MemoryState) {}

  async create(token: DropToken): Promise<void> {
    if (!this.state.accounts.has(token.owner)) return;
    this.state.dropTokens.set(token.id, { ...token });
  }

  async list(owner: string): Promise<DropToken[]> {
    return [...this.state.dropTokens.values()]
      .filter((token) => token.owner === owner)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((token) => ({ ...token }));
  }

  async findByHash(owner: string, hash: string): Promise<DropToken | null> {
    for (const token of this.state.dropTokens.values()) {
      if (token.owner === owner && token.hash === hash) return { ...token };
    }
    return null;
  }

  async recordUse(id: string, at: number): Promise<void> {
    const token = this.state.dropTokens.get(id);
    if (token) this.state.dropTokens.set(id, { ...token, uses: token.uses + 1, lastUsedAt: at });
  }

  async revoke(owner: string, id: string): Promise<boolean> {
    const token = this.state.dropTokens.get(id);
    if (!token || token.owner !== owner) return false;
    return this.state.dropTokens.delete(id);
  }
}
