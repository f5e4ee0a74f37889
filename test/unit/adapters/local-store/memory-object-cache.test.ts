import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { OBJECT_CACHE_CASES, OpenObjectCache } from '../../../contract/ports/object-cache.contract';

describe('MemoryObjectCache (the ObjectCache contract)', () => {
  // One cache per address and bound, as one per account would live in an app.
  const caches = new Map<string, MemoryObjectCache>();
  const open: OpenObjectCache = (address, maxBytes) => {
    const key = `${address} ${maxBytes ?? ''}`;
    const cache = caches.get(key) ?? new MemoryObjectCache(maxBytes);
    caches.set(key, cache);
    return cache;
  };
  let runs = 0;

  it.each(OBJECT_CACHE_CASES.map((contractCase) => [contractCase.name, contractCase] as const))('%s', async (_name, contractCase) => {
    await contractCase.run(open, `case-${++runs}@home.test`);
  });
});
