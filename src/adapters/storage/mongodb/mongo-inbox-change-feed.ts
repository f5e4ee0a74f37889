import { ChangeStream, Db, MongoError } from 'mongodb';
import { BlobDocument, COLLECTIONS, InboxCounterDocument, InboxItemDocument } from './schema';

/** What the inbox notifier needs from the database: new-item events, and the counters to poll. */
export interface InboxChangeFeed {
  /**
   * Starts streaming the owner of every newly inserted inbox item. Resolves once the server has
   * accepted the stream, rejects when the deployment cannot stream changes. A failure after that
   * goes to `onFailure`, once, and the stream is over.
   */
  watchInserts(onInsert: (owner: string) => void, onFailure: (error: unknown) => void): Promise<InsertWatch>;
  /** Like watchInserts, for every new version of a blob head: its owner and version. */
  watchBlobVersions(onVersion: (owner: string, version: number) => void, onFailure: (error: unknown) => void): Promise<InsertWatch>;
  /** The latest seq handed out in each of these inboxes (absent: no drop yet, or no account). */
  latestSeqs(owners: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

export interface InsertWatch {
  close(): Promise<void>;
}

/** Only the owner of each insert travels: envelopes stay in the database. */
export const INSERTED_OWNER_PIPELINE = [
  { $match: { operationType: 'insert' } },
  { $project: { 'fullDocument.owner': 1 } },
] as const;

/** Only the owner and the new version of each blob head travel: ciphertext lives in other documents anyway. */
export const BLOB_VERSION_PIPELINE = [
  { $match: { operationType: { $in: ['insert', 'update', 'replace'] } } },
  { $project: { documentKey: 1, 'fullDocument.version': 1, 'updateDescription.updatedFields.version': 1 } },
] as const;

interface BlobVersionChange {
  _id: unknown;
  documentKey?: { _id?: unknown };
  fullDocument?: { version?: unknown };
  updateDescription?: { updatedFields?: { version?: unknown } };
}

const blobVersionOf = (change: BlobVersionChange | null): { owner: string; version: number } | null => {
  const owner = change?.documentKey?._id;
  const version = change?.updateDescription?.updatedFields?.version ?? change?.fullDocument?.version;
  return typeof owner === 'string' && typeof version === 'number' ? { owner, version } : null;
};

/**
 * Opens a change stream and hands each change to `onChange` until closed. The first call sends
 * the aggregate, so a deployment without change streams rejects right here; a failure after that
 * goes to `onFailure`, once.
 */
const pumpChanges = async <T>(
  stream: Pick<ChangeStream, 'close'> & { tryNext(): Promise<T | null>; next(): Promise<T> },
  onChange: (change: T | null) => void,
  onFailure: (error: unknown) => void,
): Promise<InsertWatch> => {
  onChange(await stream.tryNext());
  let closing = false;
  const pump = async (): Promise<void> => {
    try {
      // next() waits for the next change; the driver resumes by itself after resumable errors.
      for (;;) onChange(await stream.next());
    } catch (error) {
      // Closing the stream ends the wait with an error: that is the normal way out, not a failure.
      if (!closing) onFailure(error);
    }
  };
  void pump();
  return {
    async close() {
      closing = true;
      await stream.close();
    },
  };
};

interface InsertedOwner {
  _id: unknown;
  fullDocument?: { owner?: unknown };
}

const ownerOf = (change: InsertedOwner | null): string | null => {
  const owner = change?.fullDocument?.owner;
  return typeof owner === 'string' ? owner : null;
};

/** MongoDB's answer when change streams are opened on a standalone server. */
export const CHANGE_STREAMS_NEED_REPLICA_SET = 40573;

export const describeMongoError = (error: unknown): string => {
  if (error instanceof MongoError && error.code === CHANGE_STREAMS_NEED_REPLICA_SET) {
    return 'change streams need a replica set or sharded cluster (code 40573)';
  }
  const code = error instanceof MongoError && error.code !== undefined ? ` (code ${error.code})` : '';
  return `${error instanceof Error ? error.message : String(error)}${code}`;
};

export const mongoInboxChangeFeed = (db: Db): InboxChangeFeed => {
  const inbox = db.collection<InboxItemDocument>(COLLECTIONS.inbox);
  const counters = db.collection<InboxCounterDocument>(COLLECTIONS.inboxCounters);
  const blobs = db.collection<BlobDocument>(COLLECTIONS.blobs);
  return {
    watchInserts(onInsert, onFailure) {
      const stream = inbox.watch<InboxItemDocument, InsertedOwner>([...INSERTED_OWNER_PIPELINE]);
      return pumpChanges(
        stream,
        (change) => {
          const owner = ownerOf(change);
          if (owner) onInsert(owner);
        },
        onFailure,
      );
    },

    watchBlobVersions(onVersion, onFailure) {
      const stream = blobs.watch<BlobDocument, BlobVersionChange>([...BLOB_VERSION_PIPELINE]);
      return pumpChanges(
        stream,
        (change) => {
          const changed = blobVersionOf(change);
          if (changed) onVersion(changed.owner, changed.version);
        },
        onFailure,
      );
    },

    async latestSeqs(owners) {
      const documents = await counters
        .find({ _id: { $in: [...owners] } }, { projection: { _id: 1, seq: 1 } })
        .toArray();
      return new Map(documents.map((document) => [document._id, document.seq]));
    },
  };
};
