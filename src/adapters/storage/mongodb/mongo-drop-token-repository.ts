import { DropTokenRepository } from '../../../application/ports/drop-token-repository';
import { DropToken } from '../../../domain/drop-token';
import { MongoContext } from './mongo-context';
import { fromDropTokenDocument, toDropTokenDocument } from './mongo-documents';

export class MongoDropTokenRepository implements DropTokenRepository {
  constructor(private readonly context: MongoContext) {}

  async create(token: DropToken): Promise<void> {
    await this.context.collections.dropTokens.insertOne(toDropTokenDocument(token));
  }

  async list(owner: string): Promise<DropToken[]> {
    const documents = await this.context.collections.dropTokens.find({ owner }).sort({ createdAt: 1, _id: 1 }).toArray();
    return documents.map(fromDropTokenDocument);
  }

  async findByHash(owner: string, hash: string): Promise<DropToken | null> {
    const document = await this.context.collections.dropTokens.findOne({ owner, hash });
    return document ? fromDropTokenDocument(document) : null;
  }

  /** One `$inc` on one document: concurrent uses never lose a count. */
  async recordUse(id: string, at: number): Promise<void> {
    await this.context.collections.dropTokens.updateOne({ _id: id }, { $inc: { uses: 1 }, $set: { lastUsedAt: at } });
  }

  async revoke(owner: string, id: string): Promise<boolean> {
    const removed = await this.context.collections.dropTokens.deleteOne({ _id: id, owner });
    return removed.deletedCount === 1;
  }
}
