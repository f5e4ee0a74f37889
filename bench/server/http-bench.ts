import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { bundledEntry, ChildServer, startChildServer } from './child-server';
import { API, BenchAccount, dropBody, dropOnce, issueDropToken, mapLimited, recipientsWithTokens, registerAndLogIn } from './http-fixtures';
import { blobReadRequests, BlobWriters, blobWriteRequests, dropRequests, inboxPageRequests, objectGetRequests, objectPutRequests } from './http-scenarios';
import { LoadFigure, runLoad } from './load-run';

/** The HTTP scenarios `--only` can pick (all by default). */
export const HTTP_SCENARIOS = ['drops', 'drops-full', 'inbox', 'blob', 'objects'] as const;
export type HttpScenario = (typeof HTTP_SCENARIOS)[number];

export interface HttpBenchOptions {
  readonly connections: readonly number[];
  readonly durationS: number;
  readonly warmupS: number;
  readonly scenarios: ReadonlySet<HttpScenario>;
  /** Extra Node flags for the starbase servers (e.g. `--cpu-prof`). */
  readonly serverNodeArgs: readonly string[];
  readonly log: (line: string) => void;
}

export interface RatedFigure extends LoadFigure {
  /**
   * requests/s divided by the raw route's doing the same at the same connection count, same run:
   * the 202 ceiling for drops; the raw octet-stream route for the store's objects (PUT or GET of
   * 1 MiB); the raw GET answering the same inbox page for GET /inbox.
   */
  readonly ratioToCeiling: number;
  /** requests/s divided by the raw 202 ceiling's, whatever the route (the ratio earlier runs reported for GET /inbox). */
  readonly ratioTo202Ceiling: number;
}

export interface HttpBenchResult {
  /** The raw Fastify route, measured before and after each connection group. */
  readonly ceiling: readonly LoadFigure[];
  readonly figures: readonly RatedFigure[];
  readonly settings: Readonly<Record<string, string | number>>;
}

export const DROP_BODY_BYTES = 1024;
export const INBOX_PAGE_ITEMS = 50;
export const BLOB_BYTES = 1024 * 1024;
export const OBJECT_BYTES = 1024 * 1024;
/** Accounts the object PUTs rotate over, so no store fills up during a run. */
const OBJECT_OWNERS = 16;
const RECIPIENTS_PER_RUN = 8;
/**
 * Enough tokens that a run never meets the per-token quota (2000 pending items each): at ~12,000
 * drops/s for 7 s a run stores ~85,000 items, and 8 × 16 tokens hold 256,000.
 */
const TOKENS_PER_RECIPIENT = 16;
/** The quota check runs on every drop: measured once more with the inbox already this full. */
export const FULL_INBOX_ITEMS = 5000;
/** 64 × 2000 pending items: room for a 7-second run at well over 15,000 drops/s on top of the 5,000. */
const FULL_INBOX_TOKENS = 64;

/** Quotas raised so the runs measure throughput, not 507s (per-token quota stays 2000: we rotate tokens). */
const SERVER_ENV = {
  STARBASE_HOST: '127.0.0.1',
  STARBASE_PORT: '0',
  STARBASE_RATE_LIMITS: 'off',
  STARBASE_LOG_LEVEL: 'warn',
  STARBASE_REGISTRATION: 'open',
  STARBASE_CAPTCHA: 'pow',
  STARBASE_INBOX_ITEMS: '1000000',
  STARBASE_INBOX_BYTES: String(2 ** 36),
  STARBASE_STORE_BYTES: String(2 ** 40),
} as const;

const startStarbase = (storage: 'sqlite' | 'memory', dataDir: string, nodeArgs: readonly string[]): Promise<ChildServer> =>
  startChildServer(
    `starbase (${storage})`,
    bundledEntry('starbase-server'),
    ['serve'],
    { ...SERVER_ENV, STARBASE_STORAGE: storage, STARBASE_DATA_DIR: dataDir },
    nodeArgs,
  );

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

export const runHttpBench = async (options: HttpBenchOptions): Promise<HttpBenchResult> => {
  const { log, scenarios } = options;
  const dataDirs = ['sqlite', 'memory'].map((kind) => mkdtempSync(join(tmpdir(), `starbase-bench-${kind}-`)));
  const servers: ChildServer[] = [];
  try {
    const started = async (server: Promise<ChildServer>): Promise<ChildServer> => {
      servers.push(await server);
      return servers[servers.length - 1] as ChildServer;
    };
    const ceilingServer = await started(startChildServer('raw ceiling', bundledEntry('raw-ceiling-server'), [], {}));
    const sqlite = await started(startStarbase('sqlite', dataDirs[0] as string, options.serverNodeArgs));
    const memory = await started(startStarbase('memory', dataDirs[1] as string, options.serverNodeArgs));
    const httpLayer = scenarios.has('drops') ? await started(startChildServer('http layer', bundledEntry('http-layer-server'), [], {})) : null;
    log(`servers: ceiling ${ceilingServer.url}, sqlite ${sqlite.url}, memory ${memory.url}${httpLayer ? `, http layer ${httpLayer.url}` : ''}`);

    const body = dropBody(DROP_BODY_BYTES);
    const maxConnections = Math.max(...options.connections);

    log(`fixtures for ${[...scenarios].join(', ')}…`);
    const dropTokens = new Map<string, Awaited<ReturnType<typeof recipientsWithTokens>>>();
    for (const [label, server] of [
      ['sqlite', sqlite],
      ['memory', memory],
    ] as const) {
      // The ceiling's requests use the memory server's tokens (only their shape matters).
      for (const connections of scenarios.has('drops') || label === 'memory' ? options.connections : []) {
        const tokens = await recipientsWithTokens(server.url, `drop${label[0]}${connections}`, RECIPIENTS_PER_RUN, TOKENS_PER_RECIPIENT);
        await dropOnce(server.url, tokens[0]!, body);
        dropTokens.set(`${label}/${connections}`, tokens);
      }
    }
    const inboxOwners = new Map<string, BenchAccount>();
    for (const [label, server] of scenarios.has('inbox')
      ? ([
          ['sqlite', sqlite],
          ['memory', memory],
        ] as const)
      : []) {
      const owner = await registerAndLogIn(server.url, `inbox-${label}`);
      const token = await issueDropToken(server.url, owner);
      for (let i = 0; i < INBOX_PAGE_ITEMS + 10; i++) await dropOnce(server.url, token, body);
      inboxOwners.set(label, owner);
    }
    const memoryInboxOwner = inboxOwners.get('memory');
    if (memoryInboxOwner) {
      // The raw GET baseline answers the same page, byte for byte, as the real route does.
      const page = await fetch(`${memory.url}${API}/inbox?limit=${INBOX_PAGE_ITEMS}`, { headers: { authorization: `Bearer ${memoryInboxOwner.sessionToken}` } });
      if (page.status !== 200) throw new Error(`reading the bench inbox page answered ${page.status}`);
      const stored = await fetch(`${ceilingServer.url}/raw/inbox`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: await page.text() });
      if (stored.status !== 204) throw new Error(`setting the raw inbox page answered ${stored.status}`);
    }
    const blobOwners = await mapLimited(
      Array.from({ length: scenarios.has('blob') ? maxConnections : 0 }, (_, i) => `blob-${i}`),
      4,
      (name) => registerAndLogIn(sqlite.url, name, BLOB_BYTES),
    );

    const objectBody = Buffer.alloc(OBJECT_BYTES, 0x5a);
    const objectOwners = new Map<string, BenchAccount[]>();
    const objectReads = new Map<string, { path: string; token: string | null }[]>();
    for (const [label, server] of scenarios.has('objects')
      ? ([
          ['sqlite', sqlite],
          ['memory', memory],
        ] as const)
      : []) {
      const owners = await mapLimited(
        Array.from({ length: OBJECT_OWNERS }, (_, i) => `objects-${label}-${i}`),
        4,
        (name) => registerAndLogIn(server.url, name),
      );
      const reads = [];
      for (const [index, owner] of owners.entries()) {
        const id = `read-object-${String(index).padStart(10, '0')}`;
        const put = await fetch(`${server.url}${API}/store/objects/${id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${owner.sessionToken}` },
          body: objectBody,
        });
        if (put.status !== 201) throw new Error(`staging a bench object answered ${put.status}`);
        reads.push({ path: `${API}/store/objects/${id}`, token: owner.sessionToken });
      }
      objectOwners.set(label, owners);
      objectReads.set(label, reads);
    }
    const sameBodyBaselines: LoadFigure[] = [];

    const fullInboxTokens = new Map<string, Awaited<ReturnType<typeof recipientsWithTokens>>>();
    for (const [label, server] of scenarios.has('drops-full')
      ? ([
          ['sqlite', sqlite],
          ['memory', memory],
        ] as const)
      : []) {
      const tokens = await recipientsWithTokens(server.url, `full-${label}`, 1, FULL_INBOX_TOKENS);
      const filled = await autocannon({ url: server.url, connections: 8, amount: FULL_INBOX_ITEMS, requests: dropRequests(tokens, body) });
      if (filled.non2xx + filled.errors > 0) throw new Error(`filling the ${label} inbox failed: ${JSON.stringify(filled.statusCodeStats)}`);
      fullInboxTokens.set(label, tokens);
    }

    const ceiling: LoadFigure[] = [];
    const measured: LoadFigure[] = [];
    const run = async (figure: Promise<LoadFigure>, into: LoadFigure[]): Promise<void> => {
      const result = await figure;
      into.push(result);
      log(
        `  ${result.scenario.padEnd(34)} ${result.server.padEnd(8)} c=${String(result.connections).padEnd(3)} ` +
          `${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms  non-2xx ${result.non2xx}` +
          (result.serverCpuMsPerRequest === null ? '' : `  server CPU ${result.serverCpuMsPerRequest.toFixed(2)} ms/req`),
      );
    };
    const common = { durationS: options.durationS, warmupS: options.warmupS };
    const ceilingRun = (connections: number) =>
      runLoad({
        ...common,
        scenario: 'raw Fastify 202 (ceiling)',
        server: 'ceiling',
        url: ceilingServer.url,
        serverPid: ceilingServer.pid,
        connections,
        requests: () => dropRequests(dropTokens.get(`memory/${connections}`)!, body),
      });

    for (const connections of options.connections) {
      log(`connections = ${connections}`);
      await run(ceilingRun(connections), ceiling);
      for (const [label, server] of scenarios.has('drops')
        ? ([
            ['sqlite', sqlite],
            ['memory', memory],
          ] as const)
        : []) {
        await run(
          runLoad({
            ...common,
            scenario: 'POST /users/{name}/drops (1 KiB)',
            server: label,
            url: server.url,
            serverPid: server.pid,
            connections,
            requests: () => dropRequests(dropTokens.get(`${label}/${connections}`)!, body),
          }),
          measured,
        );
      }
      if (httpLayer !== null) {
        await run(
          runLoad({
            ...common,
            scenario: 'POST drops, HTTP layer alone (use case accepts at once)',
            server: 'none',
            url: httpLayer.url,
            serverPid: httpLayer.pid,
            connections,
            requests: () => dropRequests(dropTokens.get(`memory/${connections}`)!, body),
          }),
          measured,
        );
      }
      for (const [label, server] of connections === 1 && scenarios.has('drops-full')
        ? ([
            ['sqlite', sqlite],
            ['memory', memory],
          ] as const)
        : []) {
        await run(
          runLoad({
            ...common,
            scenario: `POST drops, inbox holding ${FULL_INBOX_ITEMS.toLocaleString('en-US')}`,
            server: label,
            url: server.url,
            connections,
            requests: () => dropRequests(fullInboxTokens.get(label)!, body),
          }),
          measured,
        );
      }
      if (scenarios.has('inbox')) {
        await run(
          runLoad({
            ...common,
            scenario: `raw GET, the same inbox page`,
            server: 'ceiling',
            url: ceilingServer.url,
            serverPid: ceilingServer.pid,
            connections,
            requests: () => [{ method: 'GET', path: '/raw/inbox' }],
          }),
          sameBodyBaselines,
        );
      }
      for (const [label, server] of scenarios.has('inbox')
        ? ([
            ['sqlite', sqlite],
            ['memory', memory],
          ] as const)
        : []) {
        await run(
          runLoad({
            ...common,
            scenario: `GET /inbox (${INBOX_PAGE_ITEMS} items)`,
            server: label,
            url: server.url,
            serverPid: server.pid,
            connections,
            requests: () => inboxPageRequests(inboxOwners.get(label)!, INBOX_PAGE_ITEMS),
          }),
          measured,
        );
      }
      const owners = blobOwners.slice(0, connections);
      if (scenarios.has('blob')) {
        await run(
          runLoad({ ...common, scenario: 'GET /blob (1 MiB)', server: 'sqlite', url: sqlite.url, connections, requests: () => blobReadRequests(owners) }),
          measured,
        );
        const writers: BlobWriters = { owners, versions: owners.map(() => 1) };
        await run(
          runLoad({
            ...common,
            scenario: 'PUT /blob (1 MiB, If-Match)',
            server: 'sqlite',
            url: sqlite.url,
            connections,
            requests: () => blobWriteRequests(sqlite.url, writers, BLOB_BYTES),
          }),
          measured,
        );
      }
      if (scenarios.has('objects')) {
        const tag = `c${connections}`;
        await run(
          runLoad({
            ...common,
            scenario: 'raw PUT octet-stream (1 MiB)',
            server: 'ceiling',
            url: ceilingServer.url,
            serverPid: ceilingServer.pid,
            connections,
            requests: () => objectPutRequests(null, objectBody, (id) => `/raw/objects/${id}`, `raw${tag}`),
          }),
          sameBodyBaselines,
        );
        for (const [label, server] of [
          ['sqlite', sqlite],
          ['memory', memory],
        ] as const) {
          await run(
            runLoad({
              ...common,
              scenario: 'PUT /store/objects/{id} (1 MiB)',
              server: label,
              url: server.url,
              serverPid: server.pid,
              connections,
              requests: () => objectPutRequests(objectOwners.get(label)!, objectBody, (id) => `${API}/store/objects/${id}`, `${label}${tag}${Date.now().toString(36)}`),
            }),
            measured,
          );
        }
        await run(
          runLoad({
            ...common,
            scenario: 'raw GET octet-stream (1 MiB)',
            server: 'ceiling',
            url: ceilingServer.url,
            serverPid: ceilingServer.pid,
            connections,
            requests: () => objectGetRequests([{ path: '/raw/objects/any', token: null }]),
          }),
          sameBodyBaselines,
        );
        for (const [label, server] of [
          ['sqlite', sqlite],
          ['memory', memory],
        ] as const) {
          await run(
            runLoad({
              ...common,
              scenario: 'GET /store/objects/{id} (1 MiB)',
              server: label,
              url: server.url,
              serverPid: server.pid,
              connections,
              requests: () => objectGetRequests(objectReads.get(label)!),
            }),
            measured,
          );
        }
      }
      await run(ceilingRun(connections), ceiling);
    }

    const baselineOf = (figure: LoadFigure): number | null => {
      const kind = figure.scenario.startsWith('PUT /store/objects')
        ? 'raw PUT'
        : figure.scenario.startsWith('GET /store/objects')
          ? 'raw GET octet-stream'
          : figure.scenario.startsWith('GET /inbox')
            ? 'raw GET, the same inbox page'
            : null;
      if (kind === null) return null;
      return sameBodyBaselines.find((baseline) => baseline.scenario.startsWith(kind) && baseline.connections === figure.connections)?.requestsPerSecond ?? null;
    };
    const ceilingAt = (connections: number): number =>
      mean(ceiling.filter((figure) => figure.connections === connections).map((figure) => figure.requestsPerSecond));
    return {
      ceiling,
      figures: [
        ...measured.map((figure) => ({
          ...figure,
          ratioToCeiling: figure.requestsPerSecond / (baselineOf(figure) ?? ceilingAt(figure.connections)),
          ratioTo202Ceiling: figure.requestsPerSecond / ceilingAt(figure.connections),
        })),
        ...sameBodyBaselines.map((figure) => ({ ...figure, ratioToCeiling: 1, ratioTo202Ceiling: figure.requestsPerSecond / ceilingAt(figure.connections) })),
      ],
      settings: {
        ...SERVER_ENV,
        dropBodyBytes: DROP_BODY_BYTES,
        blobBytes: BLOB_BYTES,
        objectBytes: OBJECT_BYTES,
        inboxPageItems: INBOX_PAGE_ITEMS,
        recipientsPerDropRun: RECIPIENTS_PER_RUN,
        tokensPerRecipient: TOKENS_PER_RECIPIENT,
        fullInboxItems: FULL_INBOX_ITEMS,
        durationS: options.durationS,
        warmupS: options.warmupS,
        scenarios: [...scenarios].join(','),
        apiPrefix: API,
      },
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
};
