import { ClientSession } from 'mongodb';
import { SaveBlobFailure, StoreCommit, UserBlobRepository } from '../../../application/ports/user-blob-repository';
import { err, Result } from '../../../domain/protocol/result';
import { namedIds, planStoreCommit } from '../../../domain/home-server/store/store-commit';
import { StoreObjectInfo } from '../../../domain/home-server/store/store-object';
import { UserBlob } from '../../../domain/home-server/user-blob';
import { advanceBlob, readBlob } from './mongo-blob-documents';
import { MongoContext } from './mongo-context';
import { uncountClaimed } from './mongo-dropped-objects';
import { countInStore, fromStoreObjectInfoDocument, readStoreHead, WITHOUT_DATA } from './mongo-store-objects';

interface SaveInput {
  name: string;
  ciphertext: Uint8Array;
  expectedVersion: number;
  now: number;
}

/**
 * The blob head's `{ _id, version }` filter is the compare-and-set; head, chunks and the commit's
 * objects change in one transaction, and reads run in one too, so nobody sees the chunks of
 * another version.
 */
export class MongoUserBlobRepository implements UserBlobRepository {
  constructor(private readonly context: MongoContext) {}

  async find(name: string): Promise<UserBlob | null> {
    return this.context.transaction((session) => readBlob(this.context.collections, session, name));
  }

  async save(
    name: string,
    ciphertext: Uint8Array,
    expectedVersion: number,
    now: number,
    commit?: StoreCommit,
  ): Promise<Result<{ version: number }, SaveBlobFailure>> {
    const input: SaveInput = { name, ciphertext, expectedVersion, now };
    return this.context.transaction(async (session) => {
      if (commit) {
        const failure = await this.applyCommit(session, input, commit);
        if (failure) return err(failure);
      }
      return advanceBlob(this.context.collections, session, input);
    });
  }

  /** Decides first and writes only when the whole head write will succeed (the CAS below cannot fail after this read). */
  private async applyCommit(session: ClientSession, input: SaveInput, commit: StoreCommit): Promise<SaveBlobFailure | null> {
    const { collections } = this.context;
    const head = await readStoreHead(collections, session, input.name);
    if (!head) return { code: 'account/not-found' };
    const documents = await collections.storeObjects
      .find({ owner: input.name, id: { $in: namedIds(commit.changes) } }, { session, ...WITHOUT_DATA })
      .toArray();
    const held = new Map<string, StoreObjectInfo>(documents.map((document) => [document.id, fromStoreObjectInfoDocument(document)]));
    const plan = planStoreCommit(
      {
        expectedVersion: input.expectedVersion,
        currentVersion: head.version,
        held,
        objectBytes: head.usage.bytes,
        oldHeadBytes: head.headBytes,
        newHeadBytes: input.ciphertext.length,
        storeBytes: commit.storeBytes,
      },
      commit.changes,
    );
    if (!plan.ok) return plan.error;
    const { storeObjects } = collections;
    const moved = [...plan.value.commit, ...plan.value.claim.map((object) => object.id)];
    if (moved.length > 0) {
      await storeObjects.updateMany({ owner: input.name, id: { $in: moved } }, { $set: { state: 'committed', tokenId: null } }, { session });
    }
    if (plan.value.release.length > 0) {
      await storeObjects.deleteMany({ owner: input.name, id: { $in: plan.value.release.map((object) => object.id) } }, { session });
    }
    await uncountClaimed(collections, session, input.name, plan.value.claim);
    const claimed = plan.value.claim.reduce((sum, object) => sum + object.bytes, 0);
    const released = plan.value.release.reduce((sum, object) => sum + object.bytes, 0);
    await countInStore(collections, session, input.name, {
      objects: plan.value.claim.length - plan.value.release.length,
      bytes: claimed - released,
    });
    return null;
  }
}
