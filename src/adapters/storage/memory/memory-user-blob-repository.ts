import { SaveBlobFailure, StoreCommit, UserBlobRepository } from '../../../application/ports/user-blob-repository';
import { err, ok, Result } from '../../../domain/protocol/result';
import { namedIds, planStoreCommit } from '../../../domain/home-server/store/store-commit';
import { StoreObjectInfo } from '../../../domain/home-server/store/store-object';
import { UserBlob } from '../../../domain/home-server/user-blob';
import { copyBlob, copyBytes, MemoryState } from './memory-state';

export class MemoryUserBlobRepository implements UserBlobRepository {
  constructor(private readonly state: MemoryState) {}

  async find(name: string): Promise<UserBlob | null> {
    const blob = this.state.blobs.get(name);
    return blob ? copyBlob(blob) : null;
  }

  /** One synchronous step, so nothing interleaves between the checks and the writes. */
  async save(
    name: string,
    ciphertext: Uint8Array,
    expectedVersion: number,
    now: number,
    commit?: StoreCommit,
  ): Promise<Result<{ version: number }, SaveBlobFailure>> {
    const blob = this.state.blobs.get(name);
    if (!blob) return err({ code: 'account/not-found' });
    if (blob.version !== expectedVersion) return err({ code: 'blob/version-conflict', currentVersion: blob.version });
    if (commit) {
      const shelf = this.state.shelfOf(name);
      const held = new Map<string, StoreObjectInfo>();
      for (const id of namedIds(commit.changes)) {
        const object = shelf.get(id);
        if (object) held.set(id, object);
      }
      const plan = planStoreCommit(
        {
          expectedVersion,
          currentVersion: blob.version,
          held,
          objectBytes: shelf.usage.bytes,
          oldHeadBytes: blob.ciphertext.length,
          newHeadBytes: ciphertext.length,
          storeBytes: commit.storeBytes,
        },
        commit.changes,
      );
      if (!plan.ok) return err(plan.error);
      for (const id of plan.value.commit) shelf.commit(id);
      for (const object of plan.value.claim) shelf.commit(object.id);
      for (const object of plan.value.release) shelf.remove(object.id);
    }
    const version = blob.version + 1;
    this.state.blobs.set(name, { name, version, ciphertext: copyBytes(ciphertext), updatedAt: now });
    return ok({ version });
  }
}
