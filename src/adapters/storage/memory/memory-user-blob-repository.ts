import { UserBlobRepository } from '../../../application/ports/user-blob-repository';
import { err, ok, Result } from '../../../domain/result';
import { UserBlob } from '../../../domain/user-blob';
import { copyBlob, copyBytes, MemoryState } from './memory-state';

export class MemoryUserBlobRepository implements UserBlobRepository {
  constructor(private readonly state: MemoryState) {}

  async find(name: string): Promise<UserBlob | null> {
    const blob = this.state.blobs.get(name);
    return blob ? copyBlob(blob) : null;
  }

  async save(
    name: string,
    ciphertext: Uint8Array,
    expectedVersion: number,
    now: number,
  ): Promise<
    Result<{ version: number }, { code: 'blob/version-conflict'; currentVersion: number } | { code: 'account/not-found' }>
  > {
    const blob = this.state.blobs.get(name);
    if (!blob) return err({ code: 'account/not-found' });
    if (blob.version !== expectedVersion) return err({ code: 'blob/version-conflict', currentVersion: blob.version });
    const version = blob.version + 1;
    this.state.blobs.set(name, { name, version, ciphertext: copyBytes(ciphertext), updatedAt: now });
    return ok({ version });
  }
}
