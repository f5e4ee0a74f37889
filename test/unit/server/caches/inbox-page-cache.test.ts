import { InboxPageCache } from '../../../../src/application/server/caches/inbox-page-cache';

describe('InboxPageCache', () => {
  it('gives a page back only at the version it was read at', () => {
    const cache = new InboxPageCache<string>();
    cache.set('bob', 'v1', 'page at v1', 10);
    expect(cache.get('bob', 'v1')).toBe('page at v1');
    expect(cache.get('bob', 'v2')).toBeUndefined();
    expect(cache.get('bob', 'v1')).toBeUndefined();
    expect(cache.get('alice', 'v1')).toBeUndefined();
  });

  it('keeps at most its number of pages, dropping the least recently read', () => {
    const cache = new InboxPageCache<string>(2, 1_000);
    cache.set('a', 'v', 'A', 1);
    cache.set('b', 'v', 'B', 1);
    expect(cache.get('a', 'v')).toBe('A');
    cache.set('c', 'v', 'C', 1);
    expect([cache.get('a', 'v'), cache.get('b', 'v'), cache.get('c', 'v')]).toEqual(['A', undefined, 'C']);
  });

  it('keeps at most its characters, and never a page larger than they are', () => {
    const cache = new InboxPageCache<string>(100, 10);
    cache.set('a', 'v', 'A', 6);
    cache.set('b', 'v', 'B', 4);
    cache.set('huge', 'v', 'H', 11);
    expect([cache.get('a', 'v'), cache.get('b', 'v'), cache.get('huge', 'v')]).toEqual(['A', 'B', undefined]);
    cache.set('c', 'v', 'C', 5);
    expect([cache.get('a', 'v'), cache.get('b', 'v'), cache.get('c', 'v')]).toEqual([undefined, 'B', 'C']);
  });

  it('counts a page replaced under the same key once', () => {
    const cache = new InboxPageCache<string>(100, 10);
    cache.set('a', 'v1', 'A1', 8);
    cache.set('a', 'v2', 'A2', 8);
    cache.set('b', 'v', 'B', 2);
    expect([cache.get('a', 'v2'), cache.get('b', 'v')]).toEqual(['A2', 'B']);
  });
});
