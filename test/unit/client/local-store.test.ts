import { BrowserLocalStore, KeyValueStorage } from '../../../src/adapters/local-store/browser-local-store';
import { MemoryLocalStore } from '../../../src/adapters/local-store/memory-local-store';
import { LocalStore } from '../../../src/application/ports/local-store';
import { KdfParams } from '../../../src/domain/protocol/account-rules';

/** window.localStorage as far as the adapter uses it. */
class FakeWebStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const kdf: KdfParams = { algorithm: 'argon2id', salt: 'AAAAAAAAAAAAAAAAAAAAAA', memoryKiB: 65536, iterations: 3, parallelism: 1 };
const alice = 'alice@chat.example.org';

describe.each<[string, () => LocalStore]>([
  ['MemoryLocalStore', () => new MemoryLocalStore()],
  ['BrowserLocalStore', () => new BrowserLocalStore(new FakeWebStorage())],
])('%s', (_name, makeStore) => {
  it('has no device id until one is saved, then keeps it', async () => {
    const store = makeStore();
    expect(await store.loadDeviceId()).toBeNull();
    await store.saveDeviceId('device-1');
    expect(await store.loadDeviceId()).toBe('device-1');
  });

  it('keeps the highest blob version per account: a lower one never replaces it', async () => {
    const store = makeStore();
    expect(await store.highestBlobVersion(alice)).toBe(0);
    await store.recordBlobVersion(alice, 7);
    await store.recordBlobVersion(alice, 3);
    expect(await store.highestBlobVersion(alice)).toBe(7);
    expect(await store.highestBlobVersion('bob@chat.example.org')).toBe(0);
  });

  it('remembers the KDF parameters per address and forgets an account entirely', async () => {
    const store = makeStore();
    expect(await store.rememberedKdf(alice)).toBeNull();
    await store.rememberKdf(alice, kdf);
    await store.recordBlobVersion(alice, 4);
    expect(await store.rememberedKdf(alice)).toEqual(kdf);
    await store.forgetAccount(alice);
    expect(await store.rememberedKdf(alice)).toBeNull();
    expect(await store.highestBlobVersion(alice)).toBe(0);
  });
});

describe('BrowserLocalStore over what another script left in localStorage', () => {
  it('treats malformed values as absent rather than trusting them', async () => {
    const storage = new FakeWebStorage();
    const store = new BrowserLocalStore(storage);
    await store.rememberKdf(alice, kdf);
    await store.recordBlobVersion(alice, 2);
    for (const key of storage.items.keys()) storage.setItem(key, key.includes('kdf') ? '{"algorithm":"argon2i"}' : 'NaN');
    expect(await store.rememberedKdf(alice)).toBeNull();
    expect(await store.highestBlobVersion(alice)).toBe(0);
    storage.items.forEach((_, key) => storage.setItem(key, 'not json{'));
    expect(await store.rememberedKdf(alice)).toBeNull();
  });

  it('survives a new instance over the same storage (a page reload)', async () => {
    const storage = new FakeWebStorage();
    await new BrowserLocalStore(storage).recordBlobVersion(alice, 9);
    expect(await new BrowserLocalStore(storage).highestBlobVersion(alice)).toBe(9);
  });
});
