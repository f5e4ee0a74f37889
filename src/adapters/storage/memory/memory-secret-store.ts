import { SecretStore } from '../../../application/ports/secret-store';
import { copyBytes, MemoryState } from './memory-state';

export class MemorySecretStore implements SecretStore {
  constructor(private readonly state: MemoryState) {}

  async getOrCreate(name: string, create: () => Uint8Array): Promise<Uint8Array> {
    const existing = this.state.secrets.get(name);
    if (existing) return copyBytes(existing);
    const created = copyBytes(create());
    this.state.secrets.set(name, created);
    return copyBytes(created);
  }
}
