/* What every IndexedDB adapter here needs: promises over requests, one-transaction work, a kept connection. */

export const request = <T>(operation: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    operation.onsuccess = () => resolve(operation.result);
    operation.onerror = () => reject(operation.error ?? new Error('IndexedDB request failed'));
  });

const abortQuietly = (transaction: IDBTransaction): void => {
  try {
    transaction.abort();
  } catch {
    // Already finished: nothing to undo.
  }
};

/** Runs `work` in one readwrite transaction over `stores`; resolves once the transaction committed. */
export const transact = async <T>(database: IDBDatabase, stores: readonly string[], work: (transaction: IDBTransaction) => Promise<T>): Promise<T> => {
  const transaction = database.transaction([...stores], 'readwrite');
  const committed = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
  committed.catch(() => undefined);
  try {
    const result = await work(transaction);
    await committed;
    return result;
  } catch (error) {
    if (transaction.error === null) abortQuietly(transaction);
    throw error;
  }
};

/**
 * One database's connection, opened on first use and kept across calls; it closes (and the next call
 * opens again) when another tab deletes or upgrades the database.
 */
export class KeptConnection {
  private connection: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly indexedDb: IDBFactory,
    readonly name: string,
    private readonly version: number,
    private readonly upgrade: (database: IDBDatabase) => void,
  ) {}

  open(): Promise<IDBDatabase> {
    if (this.connection !== null) return this.connection;
    const opening = this.indexedDb.open(this.name, this.version);
    opening.onupgradeneeded = () => this.upgrade(opening.result);
    const connection = request(opening).then((database) => {
      const release = (): void => {
        database.close();
        if (this.connection === connection) this.connection = null;
      };
      database.onversionchange = release;
      database.onclose = release;
      return database;
    });
    connection.catch(() => {
      if (this.connection === connection) this.connection = null;
    });
    this.connection = connection;
    return connection;
  }

  /** Closes the connection and deletes the database. */
  async delete(): Promise<void> {
    const open = this.connection;
    this.connection = null;
    if (open !== null) (await open.catch(() => null))?.close();
    await request(this.indexedDb.deleteDatabase(this.name));
  }
}
