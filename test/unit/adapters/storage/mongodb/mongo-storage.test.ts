import { MongoAccountRepository } from '../../../../../src/adapters/storage/mongodb/mongo-account-repository';
import { MongoCaptchaStore } from '../../../../../src/adapters/storage/mongodb/mongo-captcha-store';
import { MongoDropTokenRepository } from '../../../../../src/adapters/storage/mongodb/mongo-drop-token-repository';
import { MongoInboxNotifier, startMongoInboxNotifier } from '../../../../../src/adapters/storage/mongodb/mongo-inbox-notifier';
import { MongoInboxRepository } from '../../../../../src/adapters/storage/mongodb/mongo-inbox-repository';
import { transactionSupportProblem } from '../../../../../src/adapters/storage/mongodb/mongo-schema-setup';
import { MongoSecretStore } from '../../../../../src/adapters/storage/mongodb/mongo-secret-store';
import { MongoSessionRepository } from '../../../../../src/adapters/storage/mongodb/mongo-session-repository';
import { openMongoStorage } from '../../../../../src/adapters/storage/mongodb/mongo-storage';
import { MongoUserBlobRepository } from '../../../../../src/adapters/storage/mongodb/mongo-user-blob-repository';

describe('MongoDB storage without a server', () => {
  it('exports a repository for every storage port, the storage and its notifier', () => {
    for (const exported of [
      MongoAccountRepository,
      MongoUserBlobRepository,
      MongoInboxRepository,
      MongoDropTokenRepository,
      MongoSessionRepository,
      MongoCaptchaStore,
      MongoSecretStore,
      MongoInboxNotifier,
      openMongoStorage,
      startMongoInboxNotifier,
    ]) {
      expect(exported).toEqual(expect.any(Function));
    }
  });

  it('refuses invalid options before connecting, listing every problem', async () => {
    await expect(openMongoStorage({ url: 'http://h/db', dbName: 'bad.name' })).rejects.toThrow(
      /invalid MongoDB storage configuration:\n- .*MongoDB URL.*\n- .*database name/,
    );
  });

  it('fails to open when no server answers, without revealing the password in the URL', async () => {
    const lines: string[] = [];
    // Port 9 (discard) has no MongoDB; server selection gives up after the short timeout in the URL.
    const opening = openMongoStorage({
      url: 'mongodb://starbase:hunter2@127.0.0.1:9/?directConnection=true&serverSelectionTimeoutMS=200&connectTimeoutMS=200',
      logger: (line) => lines.push(line),
    });
    const error = await opening.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).not.toContain('hunter2');
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  describe('deployment check', () => {
    it.each([
      ['a replica set member', { isWritablePrimary: true, setName: 'rs0' }],
      ['a mongos router', { isWritablePrimary: true, msg: 'isdbgrid' }],
    ])('accepts %s', (_, hello) => {
      expect(transactionSupportProblem(hello)).toBeNull();
    });

    it('refuses a standalone server, saying how to turn it into a replica set', () => {
      expect(transactionSupportProblem({ isWritablePrimary: true })).toMatch(/replica set.*--replSet.*rs\.initiate\(\)/);
    });
  });
});
