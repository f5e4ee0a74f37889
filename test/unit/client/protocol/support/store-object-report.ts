import { Cipher, Hkdf, SecureRandom } from '../../../../../src/application/ports/client-crypto';
import { openObject, sealObject } from '../../../../../src/application/client/protocol/object-cipher';
import storeObjects from '../../../../vectors/store-objects.json';
import { hex, toHex } from './hex';

/*
 * test/vectors/store-objects.json through the client's §8.3 code, in Node and in Chromium alike: each
 * vector sealed with its fixed nonce, opened again, and opened under the wrong id and account.
 */

export const STORE_OBJECT_VECTORS = storeObjects;

type Ports = { readonly hkdf: Hkdf; readonly cipher: Cipher };

export interface StoreObjectReportEntry {
  readonly name: string;
  readonly object: string;
  readonly opened: string;
  readonly underAnotherId: string;
  readonly underAnotherAccount: string;
}

const fixedNonce = (nonce: Uint8Array): SecureRandom => ({ bytes: () => nonce.slice() });

export const computeStoreObjectReport = async (ports: Ports): Promise<StoreObjectReportEntry[]> => {
  const entries: StoreObjectReportEntry[] = [];
  for (const vector of storeObjects.objects) {
    const storeKey = hex(vector.storeKey);
    const sealed = await sealObject({ ...ports, random: fixedNonce(hex(vector.nonce)) }, storeKey, vector.account, vector.id, vector.plaintext);
    const describe = (result: { ok: true; value: string } | { ok: false; error: string }): string => (result.ok ? result.value : result.error);
    entries.push({
      name: vector.name,
      object: toHex(sealed),
      opened: describe(await openObject(ports, storeKey, vector.account, vector.id, hex(vector.object))),
      underAnotherId: describe(await openObject(ports, storeKey, vector.account, 'B'.repeat(22), hex(vector.object))),
      underAnotherAccount: describe(await openObject(ports, storeKey, `${vector.account}x`, vector.id, hex(vector.object))),
    });
  }
  return entries;
};

export const expectedStoreObjectReport = (): StoreObjectReportEntry[] =>
  storeObjects.objects.map((vector) => ({
    name: vector.name,
    object: vector.object,
    opened: vector.plaintext,
    underAnotherId: 'crypto/decrypt-failed',
    underAnotherAccount: 'crypto/decrypt-failed',
  }));
