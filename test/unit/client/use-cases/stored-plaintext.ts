import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { decryptBlob } from '../../../../src/application/client/protocol/blob-cipher';
import { accountObjects } from '../../../../src/application/client/session/account-objects';
import { asOwner } from '../../../../src/application/client/session/owner-call';
import { SignedInAccount } from '../../../../src/application/client/session/signed-in-account';
import { readObject } from '../../../../src/application/client/store/read-object';
import { expectOk, InProcessWorld } from './in-process-world';

const crypto = createWebCryptoSuite();

/** The ids of every object the account's server holds, committed or staged (released ones are gone). */
export const storedObjectIds = async (world: InProcessWorld, account: SignedInAccount): Promise<string[]> => {
  const harness = world.harnessAt(account.address.slice(account.address.indexOf('@') + 1));
  const ids: string[] = [];
  for (const state of ['committed', 'staged'] as const) {
    const listed = expectOk(await harness.listStoreObjects.execute({ name: account.name, state, limit: 1000 }));
    ids.push(...listed.items.map(({ id }) => id));
  }
  return ids;
};

/** Every byte on the account's server that the client can decrypt: the head and every stored object (pages, indexes), padding and all. */
export const storedPlaintext = async (world: InProcessWorld, account: SignedInAccount): Promise<string> => {
  const blob = await asOwner(account, (token) => account.gateway.readBlob(token));
  if (!blob.ok) throw new Error(`reading the blob failed: ${blob.error.code}`);
  const texts = [expectOk(await decryptBlob(crypto, account.blobKey, account.name, blob.value.ciphertext))];
  const access = { ...accountObjects({ crypto }, account), cache: new MemoryObjectCache() };
  for (const id of await storedObjectIds(world, account)) texts.push(expectOk(await readObject(access, id)));
  return texts.join('\n');
};
