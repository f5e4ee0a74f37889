import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { newObjectId, sealObject } from '../../../../src/application/client/protocol/object-cipher';
import { readObject } from '../../../../src/application/client/store/read-object';
import { StoreObjectAccess } from '../../../../src/application/client/store/store-object-access';
import { writeObject } from '../../../../src/application/client/store/write-object';
import { ObjectCache } from '../../../../src/application/ports/object-cache';
import { InProcessHomeServerGateway } from '../../../support/in-process-home-server-gateway';
import { createServerHarness, expectOk } from '../../server/server-harness';
import { createTestCrypto } from '../protocol/support/test-crypto';

const crypto = createTestCrypto();
const PAGE = JSON.stringify({ format: 2, kind: 'messages', messages: [{ id: 'm1', body: 'hello' }] });

/** One device of alice against an in-process home server; `downloads` counts the objects it fetched. */
const aliceDevice = async (cache: ObjectCache = new MemoryObjectCache()) => {
  const harness = createServerHarness();
  await harness.register();
  const { token } = await harness.logIn();
  const gateway = new InProcessHomeServerGateway('home.test', harness.deps);
  const fetched: string[] = [];
  const access: StoreObjectAccess = {
    gateway: {
      ...gateway,
      discover: () => gateway.discover(),
      getObject: (session, id) => {
        fetched.push(id);
        return gateway.getObject(session, id);
      },
    },
    asOwner: (call) => call(token),
    cache,
    crypto,
    accountName: 'alice',
    storeKey: crypto.random.bytes(32),
  };
  /** The same account on another device: same server and keys, its own empty cache. */
  const otherDevice = (): StoreObjectAccess => ({ ...access, cache: new MemoryObjectCache() });
  return { access, gateway, token, cache, fetched, otherDevice };
};

describe('readObject and writeObject (the store objects of PROTOCOL §8.3, cached per §8.4)', () => {
  it('writes a sealed page that another device downloads once, then reads from its cache', async () => {
    const alice = await aliceDevice();
    const id = newObjectId(crypto.random);
    expect(await writeObject(alice.access, id, PAGE)).toEqual({ ok: true, value: { bytes: expect.any(Number) } });
    const listed = expectOk(await alice.gateway.listObjects(alice.token, { state: 'staged' }));
    expect(listed.items.map((item) => item.id)).toEqual([id]);

    const other = alice.otherDevice();
    expect(await readObject(other, id)).toEqual({ ok: true, value: PAGE });
    expect(await readObject(other, id)).toEqual({ ok: true, value: PAGE });
    expect(alice.fetched).toEqual([id]);
    expect(await other.cache.get(id)).toEqual(expectOk(await alice.gateway.getObject(alice.token, id)));
  });

  it('never downloads what the device wrote itself', async () => {
    const alice = await aliceDevice();
    const id = newObjectId(crypto.random);
    expectOk(await writeObject(alice.access, id, PAGE));
    expect(await readObject(alice.access, id)).toEqual({ ok: true, value: PAGE });
    expect(alice.fetched).toEqual([]);
  });

  it('drops a damaged cache entry and downloads the object once, caching the server\'s bytes', async () => {
    const alice = await aliceDevice();
    const id = newObjectId(crypto.random);
    expectOk(await writeObject(alice.access, id, PAGE));
    const damaged = (await alice.cache.get(id))!;
    damaged[damaged.length - 1]! ^= 1;
    await alice.cache.put(id, damaged);

    expect(await readObject(alice.access, id)).toEqual({ ok: true, value: PAGE });
    expect(alice.fetched).toEqual([id]);
    expect(await alice.cache.get(id)).toEqual(expectOk(await alice.gateway.getObject(alice.token, id)));
  });

  it('does not take another object\'s entry for this one (the id is in the AAD)', async () => {
    const alice = await aliceDevice();
    const [id, other] = [newObjectId(crypto.random), newObjectId(crypto.random)];
    expectOk(await writeObject(alice.access, id, PAGE));
    expectOk(await writeObject(alice.access, other, 'another page'));
    await alice.cache.put(id, (await alice.cache.get(other))!);
    expect(await readObject(alice.access, id)).toEqual({ ok: true, value: PAGE });
    expect(alice.fetched).toEqual([id]);
  });

  it('refuses server bytes that do not open under the id, and caches nothing of them', async () => {
    const alice = await aliceDevice();
    const [id, elsewhere] = [newObjectId(crypto.random), newObjectId(crypto.random)];
    const substituted = await sealObject(crypto, alice.access.storeKey, 'alice', elsewhere, PAGE);
    expectOk(await alice.gateway.putObject(alice.token, id, substituted));
    await alice.cache.put(id, new Uint8Array(40));

    expect(await readObject(alice.access, id)).toEqual({ ok: false, error: { kind: 'undecryptable', reason: 'crypto/decrypt-failed' } });
    expect(alice.fetched).toEqual([id]);
    expect(await alice.cache.get(id)).toBeUndefined();
  });

  it('passes a server failure through and caches nothing', async () => {
    const alice = await aliceDevice();
    const id = newObjectId(crypto.random);
    const read = await readObject(alice.access, id);
    expect(read).toEqual({ ok: false, error: { kind: 'gateway', error: expect.objectContaining({ code: 'not_found', status: 404 }) } });
    expect(await alice.cache.get(id)).toBeUndefined();
  });

  it('caches nothing of an upload the server refused', async () => {
    const alice = await aliceDevice();
    const id = newObjectId(crypto.random);
    expectOk(await alice.gateway.putObject(alice.token, id, new Uint8Array(10)));
    const written = await writeObject(alice.access, id, PAGE);
    expect(!written.ok && written.error.code).toBe('object_exists');
    expect(await alice.cache.get(id)).toBeUndefined();
  });
});
