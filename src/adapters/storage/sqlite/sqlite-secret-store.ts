import type { Database, Statement } from 'better-sqlite3';
import { SecretStore } from '../../../application/ports/secret-store';
import { bytesFromBlob } from './sqlite-bytes';
import { WalDurability } from './sqlite-wal-durability';

export class SqliteSecretStore implements SecretStore {
  private readonly selectOne: Statement<[string], { value: Buffer }>;
  private readonly insertIfAbsent: Statement;
  private readonly getOrCreateAtomically: (name: string, create: () => Uint8Array) => Uint8Array;

  constructor(
    db: Database,
    private readonly durability: WalDurability,
  ) {
    this.selectOne = db.prepare('SELECT value FROM secrets WHERE name = ?');
    this.insertIfAbsent = db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
    this.getOrCreateAtomically = db.transaction((name: string, create: () => Uint8Array) =>
      this.getOrCreateNow(name, create),
    ).immediate;
  }

  async getOrCreate(name: string, create: () => Uint8Array): Promise<Uint8Array> {
    return this.durability.durable(this.getOrCreateAtomically(name, create));
  }

  private getOrCreateNow(name: string, create: () => Uint8Array): Uint8Array {
    const existing = this.selectOne.get(name);
    if (existing) return bytesFromBlob(existing.value);
    this.insertIfAbsent.run(name, create());
    const stored = this.selectOne.get(name);
    if (!stored) throw new Error(`secret ${name} vanished right after it was written`);
    return bytesFromBlob(stored.value);
  }
}
