import { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../../domain/protocol/wire/well-known';
import { StorageGauges } from './ops-dependencies';
import { Counter, gauge, Histogram, PROMETHEUS_CONTENT_TYPE } from './prometheus';

export const METRICS_PATH = '/metrics';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The drop routes, by what they drop; a 202 there is one item (or file chunk, §9.2) accepted into an inbox. */
const DROP_KINDS: Readonly<Record<string, string>> = {
  [`${API_PREFIX}/users/:name/drops`]: 'message',
  [`${API_PREFIX}/users/:name/friend-requests`]: 'friend-request',
  [`${API_PREFIX}/users/:name/objects`]: 'object',
};

/**
 * Prometheus metrics at `/metrics`: requests by route template (never the raw URL, so names stay
 * out and the series stay few) and status, latency per route, drops accepted (drops/s is
 * `rate(starbase_drops_accepted_total[5m])`), and what storage holds, read at scrape time.
 * Must be registered before the routes it measures.
 */
export const registerMetrics = (app: FastifyInstance, readGauges: () => Promise<StorageGauges>): void => {
  const requests = new Counter('starbase_http_requests_total', 'HTTP requests answered, by method, route template and status.');
  const latency = new Histogram(
    'starbase_http_request_duration_seconds',
    'Time from request start to the response being sent, by method and route template.',
    LATENCY_BUCKETS_SECONDS,
  );
  const drops = new Counter('starbase_drops_accepted_total', 'Items accepted into inboxes, by kind (message, friend-request, object).');

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    requests.inc({ method: request.method, route, status });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    const dropKind = DROP_KINDS[route];
    if (dropKind && reply.statusCode === 202) drops.inc({ kind: dropKind });
  });

  app.get(
    METRICS_PATH,
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (only with STARBASE_METRICS=on)', produces: ['text/plain'] } },
    async (_request, reply) => {
      const storage = await readGauges();
      const lines = [
        ...requests.render(),
        ...latency.render(),
        ...drops.render(),
        ...gauge('starbase_accounts', 'Accounts stored.', storage.accounts),
        ...gauge('starbase_inbox_items', 'Items waiting in all inboxes.', storage.inboxItems),
        ...gauge('starbase_inbox_bytes', 'Envelope bytes waiting in all inboxes.', storage.inboxBytes),
        ...gauge('starbase_store_objects', 'Staged and committed objects in all user stores.', storage.storeObjects),
        ...gauge('starbase_store_object_bytes', 'Bytes of the staged and committed objects in all user stores.', storage.storeObjectBytes),
        ...gauge('starbase_dropped_objects', 'File chunks friends dropped that wait in all inboxes to be claimed.', storage.droppedObjects),
        ...gauge('starbase_dropped_object_bytes', 'Bytes of the file chunks waiting in all inboxes to be claimed.', storage.droppedObjectBytes),
        ...gauge('process_resident_memory_bytes', 'Resident memory of the server process.', process.memoryUsage.rss()),
        ...gauge('process_uptime_seconds', 'Seconds since the server process started.', Math.round(process.uptime())),
      ];
      return reply.header('cache-control', 'no-store').type(PROMETHEUS_CONTENT_TYPE).send(`${lines.join('\n')}\n`);
    },
  );
};
