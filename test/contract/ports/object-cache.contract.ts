import { ObjectCache } from '../../../src/application/ports/object-cache';

/*
 * The ObjectCache contract, free of any test runner so that it runs under jest (the memory
 * adapter) and inside headless Chromium (the IndexedDB adapter, test/e2e/object-cache.browser.test.ts).
 * Each case throws on a broken promise.
 */

/** Opens the cache of `address`; opening the same address again must see the same entries. */
export type OpenObjectCache = (address: string, maxBytes?: number) => ObjectCache;

export interface ObjectCacheCase {
  readonly name: string;
  /** `address` is fresh for each run, so cases never see each other's entries. */
  run(open: OpenObjectCache, address: string): Promise<void>;
}

const ID_A = 'AAAAAAAAAAAAAAAAAAAAAA';
const ID_B = 'BBBBBBBBBBBBBBBBBBBBBA';
const ID_C = 'CCCCCCCCCCCCCCCCCCCCCA';
const ID_D = 'DDDDDDDDDDDDDDDDDDDDDA';

const bytes = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

const check = (holds: boolean, message: string): void => {
  if (!holds) throw new Error(message);
};

const sameBytes = (actual: Uint8Array | undefined, expected: Uint8Array, what: string): void => {
  const equal = actual !== undefined && actual.length === expected.length && actual.every((byte, index) => byte === expected[index]);
  check(equal, `${what}: expected ${expected.length} bytes of ${expected[0] ?? '-'}, got ${actual === undefined ? 'nothing' : `${actual.length} bytes of ${actual[0] ?? '-'}`}`);
};

const absent = (actual: Uint8Array | undefined, what: string): void => check(actual === undefined, `${what}: expected no entry`);

export const OBJECT_CACHE_CASES: readonly ObjectCacheCase[] = [
  {
    name: 'answers undefined for an id it does not hold',
    run: async (open, address) => absent(await open(address).get(ID_A), 'a miss'),
  },
  {
    name: 'gives back the bytes put, as a copy neither side can change afterwards',
    run: async (open, address) => {
      const cache = open(address);
      const put = bytes(100, 7);
      await cache.put(ID_A, put);
      put.fill(0);
      const first = await cache.get(ID_A);
      sameBytes(first, bytes(100, 7), 'after changing the array put');
      first?.fill(0);
      sameBytes(await cache.get(ID_A), bytes(100, 7), 'after changing the array read');
    },
  },
  {
    name: 'keeps an empty object',
    run: async (open, address) => {
      const cache = open(address);
      await cache.put(ID_A, new Uint8Array(0));
      sameBytes(await cache.get(ID_A), new Uint8Array(0), 'the empty object');
    },
  },
  {
    name: 'replaces an entry put again under its id',
    run: async (open, address) => {
      const cache = open(address);
      await cache.put(ID_A, bytes(10, 1));
      await cache.put(ID_A, bytes(20, 2));
      sameBytes(await cache.get(ID_A), bytes(20, 2), 'the second put');
    },
  },
  {
    name: 'drops one entry and keeps the others',
    run: async (open, address) => {
      const cache = open(address);
      await cache.put(ID_A, bytes(10, 1));
      await cache.put(ID_B, bytes(10, 2));
      await cache.drop(ID_A);
      await cache.drop(ID_C);
      absent(await cache.get(ID_A), 'the dropped entry');
      sameBytes(await cache.get(ID_B), bytes(10, 2), 'the other entry');
    },
  },
  {
    name: 'is there again when the account\'s cache is opened again',
    run: async (open, address) => {
      await open(address).put(ID_A, bytes(10, 1));
      sameBytes(await open(address).get(ID_A), bytes(10, 1), 'opened again');
    },
  },
  {
    name: 'keeps each account apart, and forgets one account without touching another',
    run: async (open, address) => {
      const other = `other-${address}`;
      await open(address).put(ID_A, bytes(10, 1));
      await open(other).put(ID_A, bytes(10, 2));
      sameBytes(await open(address).get(ID_A), bytes(10, 1), 'this account');
      await open(address).forget();
      absent(await open(address).get(ID_A), 'this account after forget');
      sameBytes(await open(other).get(ID_A), bytes(10, 2), 'the other account after forget');
      await open(other).forget();
    },
  },
  {
    name: 'forgets everything, and can be used again afterwards',
    run: async (open, address) => {
      const cache = open(address);
      await cache.put(ID_A, bytes(10, 1));
      await cache.put(ID_B, bytes(10, 2));
      await cache.forget();
      absent(await cache.get(ID_A), 'A after forget');
      absent(await open(address).get(ID_B), 'B after forget, opened again');
      await cache.put(ID_C, bytes(10, 3));
      sameBytes(await cache.get(ID_C), bytes(10, 3), 'a put after forget');
      await cache.forget();
    },
  },
  {
    name: 'stays within its bound by evicting what was read least recently',
    run: async (open, address) => {
      const cache = open(address, 1000);
      await cache.put(ID_A, bytes(300, 1));
      await cache.put(ID_B, bytes(300, 2));
      await cache.put(ID_C, bytes(300, 3));
      sameBytes(await cache.get(ID_A), bytes(300, 1), 'A before the bound is reached');
      await cache.put(ID_D, bytes(300, 4));
      absent(await cache.get(ID_B), 'B, the least recently used');
      sameBytes(await cache.get(ID_A), bytes(300, 1), 'A, read recently');
      sameBytes(await cache.get(ID_C), bytes(300, 3), 'C');
      sameBytes(await cache.get(ID_D), bytes(300, 4), 'D, just put');
    },
  },
  {
    name: 'counts a replaced or dropped entry out of its bound',
    run: async (open, address) => {
      const cache = open(address, 1000);
      await cache.put(ID_A, bytes(500, 1));
      await cache.put(ID_A, bytes(500, 1));
      await cache.put(ID_B, bytes(400, 2));
      await cache.drop(ID_B);
      await cache.put(ID_C, bytes(400, 3));
      sameBytes(await cache.get(ID_A), bytes(500, 1), 'A (500 + 400 fits in 1000)');
      sameBytes(await cache.get(ID_C), bytes(400, 3), 'C');
    },
  },
  {
    name: 'keeps nothing of an object larger than its bound, and evicts nothing for it',
    run: async (open, address) => {
      const cache = open(address, 1000);
      await cache.put(ID_A, bytes(500, 1));
      await cache.put(ID_B, bytes(1001, 2));
      absent(await cache.get(ID_B), 'the oversized object');
      sameBytes(await cache.get(ID_A), bytes(500, 1), 'A');
    },
  },
];
