import { InboxPageCache } from '../../../../src/application/server/caches/inbox-page-cache';

describe('InboxPageCache', () => {
  it('gives a page back only at the version it was read at', () => {
    const cache = new InboxPageCache<string>();
    cache.set('bob', 'v1', 'page at v1', 10, 'bob');
    expect(cache.get('bob', 'v1')).toBe('page at v1');
    expect(cache.get('bob', 'v2')).toBeUndefined();
    expect(cache.get('bob', 'v1')).toBeUndefined();
    expect(cache.get('alice', 'v1')).toBeUndefined();
  });

  it('keeps at most its number of pages, dropping the least recently read', () => {
    const cache = new InboxPageCache<string>(2, 1_000);
    cache.set('a', 'v', 'A', 1, 'a');
    cache.set('b', 'v', 'B', 1, 'b');
    expect(cache.get('a', 'v')).toBe('A');
    cache.set('c', 'v', 'C', 1, 'c');
    expect([cache.get('a', 'v'), cache.get('b', 'v'), cache.get('c', 'v')]).toEqual(['A', undefined, 'C']);
  });

  it('keeps at most its characters, and never a page larger than they are', () => {
    const cache = new InboxPageCache<string>(100, 10);
    cache.set('a', 'v', 'A', 6, 'a');
    cache.set('b', 'v', 'B', 4, 'b');
    cache.set('huge', 'v', 'H', 11, 'huge');
    expect([cache.get('a', 'v'), cache.get('b', 'v'), cache.get('huge', 'v')]).toEqual(['A', 'B', undefined]);
    cache.set('c', 'v', 'C', 5, 'c');
    expect([cache.get('a', 'v'), cache.get('b', 'v'), cache.get('c', 'v')]).toEqual([undefined, 'B', 'C']);
  });

  it('counts a page replaced under the same key once', () => {
    const cache = new InboxPageCache<string>(100, 10);
    cache.set('a', 'v1', 'A1', 8, 'a');
    cache.set('a', 'v2', 'A2', 8, 'a');
    cache.set('b', 'v', 'B', 2, 'b');
    expect([cache.get('a', 'v2'), cache.get('b', 'v')]).toEqual(['A2', 'B']);
  });

  it('keeps at most its pages per owner, so one inbox read with ever other cursors pushes out only its own pages', () => {
    const cache = new InboxPageCache<string>(10, 1_000, 3);
    cache.set('alice\n0\n50', 'v', 'alice', 1, 'alice');
    for (let after = 0; after < 50; after++) cache.set(`mallory\n${after}\n50`, 'v', `mallory ${after}`, 1, 'mallory');
    expect(cache.get('alice\n0\n50', 'v')).toBe('alice');
    const mallorys = Array.from({ length: 50 }, (_, after) => cache.get(`mallory\n${after}\n50`, 'v')).filter((page) => page !== undefined);
    expect(mallorys).toEqual(['mallory 47', 'mallory 48', 'mallory 49']);
  });
});
