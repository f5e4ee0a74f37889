import { AccountRepository, CredentialChange, NewAccount } from '../../../application/ports/account-repository';
import { Account } from '../../../domain/home-server/account';
import { err, ok, Result } from '../../../domain/protocol/result';
import { advanceBlob, insertFirstBlob } from './mongo-blob-documents';
import { isDuplicateKeyError, MongoContext } from './mongo-context';
import { fromAccountDocument, toAccountDocument } from './mongo-documents';

/** Single-account flag updates are single-document writes; creation, credential change and deletion are transactions. */
export class MongoAccountRepository implements AccountRepository {
  constructor(private readonly context: MongoContext) {}

  async create(input: NewAccount): Promise<Result<void, 'account/name-taken'>> {
    const { accounts } = this.context.collections;
    const { account } = input;
    try {
      await this.context.transaction(async (session) => {
        // The `_id` (= name) index makes a second insert of the name fail with a duplicate key.
        await accounts.insertOne(toAccountDocument(account), { session });
        await insertFirstBlob(this.context.collections, session, {
          name: account.name,
          version: 1,
          ciphertext: input.blobCiphertext,
          updatedAt: account.createdAt,
        });
      });
      return ok(undefined);
    } catch (error) {
      if (isDuplicateKeyError(error)) return err('account/name-taken');
      throw error;
    }
  }

  async find(name: string): Promise<Account | null> {
    const document = await this.context.collections.accounts.findOne({ _id: name });
    return document ? fromAccountDocument(document) : null;
  }

  async list(): Promise<Account[]> {
    const documents = await this.context.collections.accounts.find({}).sort({ _id: 1 }).toArray();
    return documents.map(fromAccountDocument);
  }

  async setOpenInbox(name: string, openInbox: boolean): Promise<Account | null> {
    return this.update(name, { openInbox });
  }

  async setDisabled(name: string, disabled: boolean): Promise<Account | null> {
    return this.update(name, { disabled });
  }

  async touchLastSeen(name: string, at: number): Promise<void> {
    await this.context.collections.accounts.updateOne({ _id: name }, { $set: { lastSeenAt: at } });
  }

  async changeCredentials(
    change: CredentialChange,
  ): Promise<Result<{ version: number }, 'account/not-found' | 'blob/version-conflict'>> {
    const { collections } = this.context;
    return this.context.transaction(async (session) => {
      const account = await collections.accounts.findOne({ _id: change.name }, { session, projection: { _id: 1 } });
      if (!account) return err('account/not-found');
      const advanced = await advanceBlob(collections, session, {
        name: change.name,
        ciphertext: change.blobCiphertext,
        expectedVersion: change.expectedBlobVersion,
        now: change.now,
      });
      if (!advanced.ok) return err(advanced.error.code);
      await collections.accounts.updateOne(
        { _id: change.name },
        { $set: { authHash: change.authHash, kdf: { ...change.kdf } } },
        { session },
      );
      await collections.sessions.deleteMany({ name: change.name }, { session });
      return ok(advanced.value);
    });
  }

  async delete(name: string): Promise<boolean> {
    const { collections } = this.context;
    return this.context.transaction(async (session) => {
      const removed = await collections.accounts.deleteOne({ _id: name }, { session });
      if (removed.deletedCount === 0) return false;
      await collections.blobs.deleteOne({ _id: name }, { session });
      await collections.blobChunks.deleteMany({ name }, { session });
      await collections.inbox.deleteMany({ owner: name }, { session });
      await collections.inboxCounters.deleteOne({ _id: name }, { session });
      await collections.dropTokens.deleteMany({ owner: name }, { session });
      await collections.sessions.deleteMany({ name }, { session });
      await collections.captchas.deleteMany({ name }, { session });
      await collections.storeObjects.deleteMany({ owner: name }, { session });
      return true;
    });
  }

  private async update(name: string, fields: Partial<Pick<Account, 'openInbox' | 'disabled'>>): Promise<Account | null> {
    const document = await this.context.collections.accounts.findOneAndUpdate(
      { _id: name },
      { $set: fields },
      { returnDocument: 'after' },
    );
    return document ? fromAccountDocument(document) : null;
  }
}
