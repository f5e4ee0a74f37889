import type { Collection, Db } from 'mongodb';
import { Invite, InviteRepository } from '../../../application/ports/invite-repository';
import { fromInviteDocument, toInviteDocument } from './mongo-documents';
import { COLLECTIONS, InviteDocument } from './schema';

export class MongoInviteRepository implements InviteRepository {
  private readonly invites: Collection<InviteDocument>;

  constructor(db: Db) {
    this.invites = db.collection<InviteDocument>(COLLECTIONS.invites);
  }

  async create(invite: Invite): Promise<void> {
    await this.invites.insertOne(toInviteDocument(invite));
  }

  async list(): Promise<Invite[]> {
    return (await this.invites.find({}).sort({ createdAt: 1, _id: 1 }).toArray()).map(fromInviteDocument);
  }

  /** One conditional update on one document: two registrations with the same code cannot both win. */
  async redeem(codeHash: string, now: number): Promise<boolean> {
    const updated = await this.invites.updateOne(
      { codeHash, redeemedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
      { $set: { redeemedAt: now } },
    );
    return updated.modifiedCount === 1;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.invites.deleteOne({ _id: id })).deletedCount === 1;
  }
}
