import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { SearchProgress } from '../../../../src/application/client/messenger';
import { pageEverything } from '../../../support/page-everything';
import { befriend, createInProcessWorld, expectOk } from './in-process-world';

/*
 * Search (issue 14) goes through the whole history: the head's tail and every sealed page, opened
 * through the object cache (PROTOCOL §8.4), without the chats loading them.
 */

const BODIES = [
  'Meet me at the Café de Flore',
  'the weather is grey',
  'bring the CAFE keys',
  'nothing here',
  'cafeteria lunch at noon',
  'see you tomorrow',
  'a café au lait, please',
  'café',
];

const pagedHistory = async () => {
  const world = createInProcessWorld();
  world.server('one.test');
  world.server('two.test');
  const alice = await world.user('alice@one.test');
  const bob = await world.user('bob@two.test');
  await befriend(world, bob, alice);
  for (const body of BODIES.slice(0, -1)) {
    world.clock.advance(1000);
    expectOk(await bob.client.sendMessage.execute(bob.account, { to: 'alice@one.test', body }));
    expectOk(await alice.client.syncInbox.execute(alice.account));
  }
  await pageEverything(alice.account);
  world.clock.advance(1000);
  // The newest one stays in the head's tail.
  expectOk(await alice.client.sendMessage.execute(alice.account, { to: 'bob@two.test', body: BODIES.at(-1) ?? '' }));
  return { world, alice, bob };
};

describe('SearchHistory', () => {
  it('finds a word in the tail and in every page, ignoring case and accents, newest first, with the match in its snippet', async () => {
    const { world, alice } = await pagedHistory();
    const phone = await world.anotherDevice(alice);
    const progress: SearchProgress[] = [];

    const results = expectOk(await phone.client.searchHistory.execute(phone.account, 'cafe', { onProgress: (step) => progress.push(step) }));

    expect(results.map((result) => result.snippet)).toEqual(['café', 'a café au lait, please', 'cafeteria lunch at noon', 'bring the CAFE keys', 'Meet me at the Café de Flore']);
    expect(results.every((result) => result.friend === 'bob@two.test')).toBe(true);
    expect(results.map((result) => result.direction)).toEqual(['out', 'in', 'in', 'in', 'in']);
    const [, second] = results;
    expect(second?.snippet.slice(second.match.start, second.match.start + second.match.length)).toBe('café');
    const last = progress.at(-1);
    expect(last?.pagesTotal).toBeGreaterThan(2);
    expect(last?.pagesDone).toBe(last?.pagesTotal);
    // The chat itself still shows only what was scrolled back to.
    expect(phone.conversation('bob@two.test').filter((entry) => entry.kind === 'message')).toHaveLength(1);
  });

  it('reports the results as it finds them: the tail’s before any page, then the pages newest first', async () => {
    const { world, alice } = await pagedHistory();
    const phone = await world.anotherDevice(alice);
    let pagesDone = 0;
    const batches: { pagesDone: number; snippets: string[] }[] = [];

    const results = expectOk(
      await phone.client.searchHistory.execute(phone.account, 'cafe', {
        onProgress: (step) => (pagesDone = step.pagesDone),
        onResults: (soFar) => batches.push({ pagesDone, snippets: soFar.map((result) => result.snippet) }),
      }),
    );

    const final = results.map((result) => result.snippet);
    expect(batches[0]).toEqual({ pagesDone: 0, snippets: ['café'] });
    expect(batches.length).toBeGreaterThan(2);
    // Newest first: each batch only adds older results under those already shown.
    for (const batch of batches) expect(final.slice(0, batch.snippets.length)).toEqual(batch.snippets);
    expect(batches.at(-1)?.snippets).toEqual(final);
  });

  it('needs every word of the query, each starting a word of the message', async () => {
    const { world, alice } = await pagedHistory();
    const phone = await world.anotherDevice(alice);
    const bodies = async (query: string) => expectOk(await phone.client.searchHistory.execute(phone.account, query)).map((result) => result.snippet);

    expect(await bodies('FLORE meet')).toEqual(['Meet me at the Café de Flore']);
    expect(await bodies('ather')).toEqual([]);
    expect(await bodies('  ?! ')).toEqual([]);
    expect(await bodies('grey')).toEqual(['the weather is grey']);
  });

  it('opens each page once per session and from the browser’s cache on the next login', async () => {
    const { world, alice } = await pagedHistory();
    const cache = new MemoryObjectCache();
    const downloads = { count: 0 };
    const counting = (gateway: HomeServerGateway): HomeServerGateway =>
      Object.assign(Object.create(gateway) as HomeServerGateway, {
        getObject: ((session, id) => {
          downloads.count += 1;
          return gateway.getObject(session, id);
        }) satisfies HomeServerGateway['getObject'],
      });

    const first = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expectOk(await first.client.searchHistory.execute(first.account, 'cafe'));
    const downloaded = downloads.count;
    expect(downloaded).toBeGreaterThan(2);
    expectOk(await first.client.searchHistory.execute(first.account, 'grey'));
    expect(downloads.count).toBe(downloaded);

    const again = await world.anotherDevice(alice, { wrapGateway: counting, objectCache: cache });
    expect(expectOk(await again.client.searchHistory.execute(again.account, 'noon')).map((result) => result.snippet)).toEqual(['cafeteria lunch at noon']);
    expect(downloads.count).toBe(downloaded);
  });

  it('stops with search_cancelled once its signal aborts', async () => {
    const { world, alice } = await pagedHistory();
    const phone = await world.anotherDevice(alice);
    const stop = new AbortController();

    const result = await phone.client.searchHistory.execute(phone.account, 'cafe', {
      signal: stop.signal,
      onProgress: ({ pagesDone }) => {
        if (pagesDone === 1) stop.abort();
      },
    });

    expect(result.ok ? 'ok' : result.error.code).toBe('search_cancelled');
  });
});
