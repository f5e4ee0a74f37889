import { MongoClient } from 'mongodb';
import { join } from 'node:path';
import { freshDataDir, openSqliteServer, parseJson, removeDir, useCli } from './cli-harness';

/** Nothing listens on port 1: the driver gives up after the short server selection timeout. */
const UNREACHABLE_MONGODB = 'mongodb://127.0.0.1:1/starbase?serverSelectionTimeoutMS=300';

describe('starbase admin migrate', () => {
  let dataDir: string;
  const cli = useCli(() => dataDir);

  beforeEach(async () => {
    dataDir = freshDataDir();
    const { server, client } = await openSqliteServer(dataDir);
    await client.signUp('alice');
    await server.close();
  });
  afterEach(() => removeDir(dataDir));

  it('needs --from and --to naming two different persistent storages (exit 2)', async () => {
    const cases = [[], ['--from', 'sqlite'], ['--from', 'sqlite', '--to', 'sqlite'], ['--from', 'memory', '--to', 'sqlite'], ['--to', 'mongodb']];
    for (const args of cases) {
      const run = await cli.run(['admin', 'migrate', ...args], { STARBASE_MONGODB_URL: UNREACHABLE_MONGODB });
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
    }
  });

  it('needs STARBASE_MONGODB_URL to reach MongoDB (exit 2)', async () => {
    const run = await cli.run(['admin', 'migrate', '--from', 'sqlite', '--to', 'mongodb']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('STARBASE_MONGODB_URL');
  });

  it('fails with exit 1 and says why when MongoDB cannot be reached', async () => {
    const run = await cli.run(['admin', 'migrate', '--from', 'sqlite', '--to', 'mongodb'], { STARBASE_MONGODB_URL: UNREACHABLE_MONGODB });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot use MongoDB as the target');
  });

  it('refuses to migrate from a database a running server has open (exit 1)', async () => {
    const server = await cli.serve();
    try {
      const run = await cli.run(['admin', 'migrate', '--from', 'sqlite', '--to', 'mongodb'], { STARBASE_MONGODB_URL: UNREACHABLE_MONGODB });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('stop the server');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('fails with exit 1 when there is no SQLite database to migrate from', async () => {
    const run = await cli.run(['admin', 'migrate', '--from', 'sqlite', '--to', 'mongodb', `--data-dir=${join(dataDir, 'missing')}`], {
      STARBASE_MONGODB_URL: UNREACHABLE_MONGODB,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no database at');
  });
});

/** Only against a MongoDB replica set you provide, like the MongoDB contract suite (docs/mongodb.md). */
const mongoUrl = process.env['STARBASE_TEST_MONGODB_URL'];
const describeWithMongo = mongoUrl ? describe : describe.skip;

describeWithMongo('starbase admin migrate with MongoDB', () => {
  let dataDir: string;
  let url: string;
  const dbName = `starbase_cli_${process.pid}`;
  const cli = useCli(() => dataDir);

  beforeEach(async () => {
    dataDir = freshDataDir();
    const match = /^(mongodb(?:\+srv)?:\/\/[^/?#]+)(?:\/[^?#]*)?(\?[^#]*)?$/.exec(mongoUrl ?? '');
    url = `${match?.[1] ?? ''}/${dbName}${match?.[2] ?? ''}`;
    const { server, client } = await openSqliteServer(dataDir);
    await client.signUp('alice');
    await client.register('bob');
    await server.close();
  });
  afterEach(async () => {
    removeDir(dataDir);
    const client = new MongoClient(url);
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('copies SQLite into MongoDB and back with every count verified, refusing a non-empty target without --force', async () => {
    const env = { STARBASE_MONGODB_URL: url };
    const before = parseJson<Record<string, unknown>>(await cli.run(['admin', 'stats', '--json']));

    const there = await cli.run(['admin', 'migrate', '--from', 'sqlite', '--to', 'mongodb', '--json'], env);
    expect(there).toMatchObject({ code: 0 });
    expect(parseJson(there)).toMatchObject({ verified: true, target: { accounts: 2 } });
    const inMongo = parseJson<Record<string, unknown>>(await cli.run(['admin', 'stats', '--json'], { ...env, STARBASE_STORAGE: 'mongodb' }));
    expect({ ...inMongo, storage: 'sqlite' }).toEqual(before);

    expect((await cli.run(['admin', 'migrate', '--from', 'sqlite', '--to', 'mongodb'], env)).code).toBe(1);
    expect((await cli.run(['admin', 'migrate', '--from', 'sqlite', '--to', 'mongodb', '--force'], env)).code).toBe(0);

    const back = await cli.run(['admin', 'migrate', '--from', 'mongodb', '--to', 'sqlite', '--force'], { ...env, STARBASE_DATA_DIR: join(dataDir, 'back') });
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^accounts\s+2\s+2\s+2\s+ok$/m);
  });
});
