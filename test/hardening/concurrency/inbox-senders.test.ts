import { aMessageEnvelope, API, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';
import { fetchJson } from '../support/fetch-client';

const SENDERS = 6;
const DROPS_EACH = 40;

interface Page {
  items: Array<{ id: string; envelope: unknown }>;
  next: string | null;
}

/**
 * PROTOCOL §6 under load: senders drop into one inbox while its owner pages and acknowledges.
 * Every 202 is delivered to the owner exactly once, with the envelope as sent.
 */
describe.each(['memory', 'sqlite'] as const)('many senders, one inbox, its owner syncing meanwhile (%s)', (storage) => {
  let server: HardeningServer;
  let owner: SignedUp;
  let dropTokens: string[];

  beforeAll(async () => {
    server = await startHardeningServer({ storage, listen: true });
    const client = new HttpTestClient(server.app);
    owner = await client.signUp('popular');
    dropTokens = await Promise.all(Array.from({ length: SENDERS }, async () => (await client.issueDropToken(owner)).token));
  });
  afterAll(() => server.close());

  it('loses no item and delivers none twice', async () => {
    const accepted = new Map<string, string>();
    const delivered = new Map<string, string>();
    const duplicates: string[] = [];
    let deletedByAcks = 0;
    let sendersDone = false;

    const sender = async (token: string) => {
      for (let n = 0; n < DROPS_EACH; n += 1) {
        const envelope = aMessageEnvelope(16 + n);
        const answer = await fetchJson<{ id: string }>(`${server.url}${API}/users/popular/drops`, { method: 'POST', token, body: { envelope } });
        expect(answer.status).toBe(202);
        accepted.set(answer.body.id, JSON.stringify(envelope));
      }
    };

    /** One sync round: page through with the cursor, then acknowledge what was seen. Returns how many. */
    const syncRound = async (pageSize: number): Promise<number> => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const query: string = after === null ? `limit=${pageSize}` : `after=${after}&limit=${pageSize}`;
        const page: { status: number; body: Page } = await fetchJson<Page>(`${server.url}${API}/inbox?${query}`, { token: owner.token });
        expect(page.status).toBe(200);
        for (const item of page.body.items) {
          if (delivered.has(item.id)) duplicates.push(item.id);
          delivered.set(item.id, JSON.stringify(item.envelope));
          seen.push(item.id);
        }
        after = page.body.next;
      } while (after !== null);
      if (seen.length > 0) {
        const ack = await fetchJson<{ deleted: number }>(`${server.url}${API}/inbox/ack`, { method: 'POST', token: owner.token, body: { ids: seen } });
        expect(ack.status).toBe(200);
        deletedByAcks += ack.body.deleted;
      }
      return seen.length;
    };

    const owner$ = (async () => {
      let round = 0;
      // Keep syncing while senders run, then until a round finds nothing.
      while (!sendersDone || (await syncRound(1 + (round % 7) * 4)) > 0) {
        if (!sendersDone) await syncRound(1 + (round % 7) * 4);
        round += 1;
      }
    })();
    await Promise.all(dropTokens.map((token) => sender(token)));
    const deliveredWhileSending = delivered.size;
    sendersDone = true;
    await owner$;

    expect(duplicates).toEqual([]);
    expect(accepted.size).toBe(SENDERS * DROPS_EACH);
    expect(new Set(delivered.keys())).toEqual(new Set(accepted.keys()));
    for (const [id, envelope] of accepted) expect(delivered.get(id)).toBe(envelope);
    expect(deletedByAcks).toBe(accepted.size);
    // The owner really synced concurrently with the senders, not only afterwards.
    expect(deliveredWhileSending).toBeGreaterThan(0);
  });
});
