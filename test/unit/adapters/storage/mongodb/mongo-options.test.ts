import {
  databaseNameFromUrl,
  DEFAULT_DB_NAME,
  isMongoUrl,
  resolveMongoStorageOptions,
  urlSetsWriteConcern,
} from '../../../../../src/adapters/storage/mongodb/mongo-options';
import { transactionOptionsFor } from '../../../../../src/adapters/storage/mongodb/mongo-storage';

const resolved = (options: Parameters<typeof resolveMongoStorageOptions>[0]) => {
  const result = resolveMongoStorageOptions(options);
  if (!result.ok) throw new Error(`expected valid options, got: ${result.error.join('; ')}`);
  return result.value;
};

const problems = (options: Parameters<typeof resolveMongoStorageOptions>[0]): string[] => {
  const result = resolveMongoStorageOptions(options);
  if (result.ok) throw new Error('expected the options to be refused');
  return result.error;
};

describe('MongoDB storage options', () => {
  describe('database name', () => {
    it.each([
      ['mongodb://db.example.org/chat', 'chat'],
      ['mongodb://user:p%40ss@h1:27017,h2:27018/chat?replicaSet=rs0', 'chat'],
      ['mongodb+srv://cluster0.example.net/chat?retryWrites=true', 'chat'],
      ['mongodb://h/my%2Ddb', 'my-db'],
      ['mongodb://h/', undefined],
      ['mongodb://h', undefined],
      ['mongodb://h/?replicaSet=rs0', undefined],
    ])('reads it from %s', (url, name) => {
      expect(databaseNameFromUrl(url)).toBe(name);
    });

    it('prefers the explicit name, then the URL’s, then starbase', () => {
      expect(resolved({ url: 'mongodb://h/fromurl', dbName: 'explicit' }).dbName).toBe('explicit');
      expect(resolved({ url: 'mongodb://h/fromurl' }).dbName).toBe('fromurl');
      expect(resolved({ url: 'mongodb://h' }).dbName).toBe(DEFAULT_DB_NAME);
    });

    it.each(['', 'has.dot', 'has space', 'slash/ed', 'x'.repeat(64)])('refuses %j', (dbName) => {
      expect(problems({ url: 'mongodb://h', dbName })).toEqual([expect.stringContaining('database name')]);
    });
  });

  describe('write concern', () => {
    it('defaults to majority with journaling', () => {
      expect(resolved({ url: 'mongodb://h/?replicaSet=rs0' }).writeConcern).toEqual({ w: 'majority', journal: true });
    });

    it.each(['mongodb://h/?w=1', 'mongodb://h/?replicaSet=rs0&journal=false', 'mongodb://h/?W=2'])(
      'leaves it to the URL when %s sets one',
      (url) => {
        expect(urlSetsWriteConcern(url)).toBe(true);
        expect(resolved({ url }).writeConcern).toBeUndefined();
      },
    );

    it('uses the configured one over the URL’s', () => {
      expect(resolved({ url: 'mongodb://h/?w=1', writeConcern: { w: 2, j: false } }).writeConcern).toEqual({
        w: 2,
        journal: false,
      });
    });

    it.each([0, -1, 1.5])('refuses w = %p, which would make conditional writes meaningless', (w) => {
      expect(problems({ url: 'mongodb://h', writeConcern: { w, j: true } })).toEqual([expect.stringContaining('w must be')]);
    });

    it('commits transactions with the same write concern and reads them from one snapshot on the primary', () => {
      expect(transactionOptionsFor(resolved({ url: 'mongodb://h' }))).toEqual({
        readConcern: { level: 'snapshot' },
        readPreference: 'primary',
        writeConcern: { w: 'majority', journal: true },
      });
      expect(transactionOptionsFor(resolved({ url: 'mongodb://h/?w=1' }))).not.toHaveProperty('writeConcern');
    });
  });

  describe('URL', () => {
    it.each([
      'mongodb://127.0.0.1:27017/?replicaSet=rs0',
      'mongodb://h1:27017,h2:27017,h3:27017/starbase?replicaSet=rs0&tls=true',
      'mongodb+srv://user:p%40ss@cluster0.example.net/starbase?authSource=admin',
      'mongodb://%2Ftmp%2Fmongodb-27017.sock/starbase',
    ])('accepts %s', (url) => {
      expect(isMongoUrl(url)).toBe(true);
      expect(resolveMongoStorageOptions({ url }).ok).toBe(true);
    });

    it.each(['', 'http://h/db', 'postgres://h/db', 'mongodb://', 'h:27017'])('refuses %j', (url) => {
      expect(problems({ url })).toEqual([expect.stringContaining('MongoDB URL')]);
    });

    it('never repeats the URL, which may carry a password, in a problem', () => {
      const reported = problems({ url: 'mongodb:/user:hunter2@h/db', dbName: 'bad.name' });
      expect(reported).toHaveLength(2);
      for (const line of reported) expect(line).not.toContain('hunter2');
    });
  });

  it('turns TTL indexes on unless told otherwise', () => {
    expect(resolved({ url: 'mongodb://h' }).ttlIndexes).toBe(true);
    expect(resolved({ url: 'mongodb://h', ttlIndexes: false }).ttlIndexes).toBe(false);
  });
});
