import { MemoryLocalStore } from '../../../src/adapters/local-store/memory-local-store';
import { BlobSnapshot, HomeServerGateway, KdfParams, OpenSessionRequest } from '../../../src/application/ports/home-server-gateway';
import { KDF_FLOOR } from '../../../src/domain/account';
import { ok } from '../../../src/domain/result';
import { startTestServer, TestServer } from '../../support/test-server';
import { authorityOf, createNodeMessenger } from '../../support/node-messenger';

/** A home server that lies: each field replaces one answer of the real one. */
interface Lies {
  kdf?: (real: KdfParams) => KdfParams;
  blob?: (real: BlobSnapshot) => BlobSnapshot;
  identityKey?: string;
}

const lyingServer = (lies: Lies, heard: OpenSessionRequest[]) => (gateway: HomeServerGateway): HomeServerGateway =>
  Object.assign(Object.create(gateway) as HomeServerGateway, {
    getKdfParams: async (name: string) => {
      const real = await gateway.getKdfParams(name);
      return real.ok && lies.kdf ? ok(lies.kdf(real.value)) : real;
    },
    openSession: async (request: OpenSessionRequest) => {
      heard.push(request);
      return gateway.openSession(request);
    },
    readBlob: async (session: string) => {
      const real = await gateway.readBlob(session);
      return real.ok && lies.blob ? ok(lies.blob(real.value)) : real;
    },
    getProfile: async (name: string) => {
      const real = await gateway.getProfile(name);
      return real.ok && lies.identityKey ? ok({ ...real.value, identityKey: lies.identityKey }) : real;
    },
  });

describe('log-in checks against a misbehaving home server (PROTOCOL §4)', () => {
  let server: TestServer;
  let address: string;
  const password = 'a password for lying servers';
  const device = new MemoryLocalStore();
  const blobs: BlobSnapshot[] = [];

  const logInThrough = (lies: Lies, localStore = device) => {
    const heard: OpenSessionRequest[] = [];
    const attempt = createNodeMessenger({ localStore, wrapGateway: lyingServer(lies, heard) }).messenger.logIn(address, password);
    return { attempt, heard };
  };

  beforeAll(async () => {
    server = await startTestServer({ listen: true });
    address = `alice@${authorityOf(server.url)}`;
    const recorder = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        readBlob: async (session: string) => {
          const read = await gateway.readBlob(session);
          if (read.ok) blobs.push(read.value);
          return read;
        },
      });
    const alice = await createNodeMessenger({ localStore: device, wrapGateway: recorder }).messenger.register(address, password);
    await alice.sync();
    const bob = await createNodeMessenger().messenger.register(`bob@${authorityOf(server.url)}`, 'bob password');
    await alice.sendFriendRequest(bob.address, 'a write that moves the blob on', () => Promise.reject(new Error('pow expected')));
    await alice.setOpenInbox(true);
    await alice.sync();
    expect(blobs.map((blob) => blob.version)).toEqual([1, 2]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('logs in through an honest server without warnings', async () => {
    const { attempt } = logInThrough({});
    const session = await attempt;
    expect(session.snapshot()).toMatchObject({ securityWarning: null, openInbox: true });
  });

  it.each<[string, (real: KdfParams) => KdfParams]>([
    ['memory below the floor', (real) => ({ ...real, memoryKiB: KDF_FLOOR.memoryKiB - 1 })],
    ['one iteration', (real) => ({ ...real, iterations: 1 })],
    ['another algorithm', (real) => ({ ...real, algorithm: 'argon2i' as 'argon2id' })],
  ])('refuses %s before any authKey leaves the device', async (_what, weaken) => {
    const { attempt, heard } = logInThrough({ kdf: weaken });
    await expect(attempt).rejects.toMatchObject({ code: 'kdf_downgrade' });
    expect(heard).toEqual([]);
  });

  it('refuses parameters weaker than this device used before, even above the floor', async () => {
    const remembersStrong = new MemoryLocalStore();
    const real = await createNodeMessenger().messenger.logIn(address, password);
    await real.logOut();
    await remembersStrong.rememberKdf(address, { algorithm: 'argon2id', salt: 'AAAAAAAAAAAAAAAAAAAAAA', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    const { attempt, heard } = logInThrough({}, remembersStrong);
    await expect(attempt).rejects.toMatchObject({ code: 'kdf_downgrade' });
    expect(heard).toEqual([]);
  });

  it('notes changed parameters when the login then fails', async () => {
    const { attempt } = logInThrough({ kdf: (real) => ({ ...real, salt: 'BBBBBBBBBBBBBBBBBBBBBA' }) });
    await expect(attempt).rejects.toMatchObject({ code: 'wrong_password', message: expect.stringContaining('changed the password parameters') });
  });

  it('detects an older blob than this device has seen (rollback)', async () => {
    const oldest = blobs[0];
    if (!oldest) throw new Error('no blob was recorded');
    const { attempt } = logInThrough({ blob: () => oldest });
    await expect(attempt).rejects.toMatchObject({ code: 'rollback_detected' });
  });

  it('detects an old blob served under the current version number', async () => {
    const oldest = blobs[0];
    if (!oldest) throw new Error('no blob was recorded');
    const { attempt } = logInThrough({ blob: (real) => ({ version: real.version, ciphertext: oldest.ciphertext }) }, new MemoryLocalStore());
    await expect(attempt).rejects.toMatchObject({ code: 'rollback_detected' });
  });

  it('refuses a blob that does not decrypt', async () => {
    const { attempt } = logInThrough({ blob: (real) => ({ ...real, ciphertext: real.ciphertext.slice(0, -4) + 'AAAA' }) });
    await expect(attempt).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('warns when the server publishes an identity key that is not ours', async () => {
    const { attempt } = logInThrough({ identityKey: 'A'.repeat(43) });
    expect((await attempt).snapshot().securityWarning).toMatch(/identity key/);
  });
});
