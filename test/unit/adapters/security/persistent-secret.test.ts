import { persistentSecret } from '../../../../src/adapters/security/persistent-secret';
import { SecretStore } from '../../../../src/application/ports/secret-store';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';

/** A secret store whose first `getOrCreate` fails, as a database might at start-up. */
const flakyOnce = (inner: SecretStore): SecretStore & { calls: number } => {
  const store = {
    calls: 0,
    getOrCreate(name: string, create: () => Uint8Array): Promise<Uint8Array> {
      store.calls += 1;
      if (store.calls === 1) return Promise.reject(new Error('database is locked'));
      return inner.getOrCreate(name, create);
    },
  };
  return store;
};

describe('persistentSecret', () => {
  it('loads the secret once and then answers from memory', async () => {
    const store = flakyOnce(createMemoryStorage().secrets);
    store.calls = 1; // skip the failure
    const secret = persistentSecret(store, 'key');
    const first = await secret();
    expect(first).toHaveLength(32);
    expect(await secret()).toEqual(first);
    expect(store.calls).toBe(2);
  });

  it('does not remember a failed load: the next call tries storage again', async () => {
    const storage = createMemoryStorage();
    const secret = persistentSecret(flakyOnce(storage.secrets), 'key');
    await expect(secret()).rejects.toThrow('database is locked');
    const loaded = await secret();
    expect(loaded).toEqual(await storage.secrets.getOrCreate('key', () => new Uint8Array(32)));
  });
});
