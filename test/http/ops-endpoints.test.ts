import { open as openMemoryStorage } from '../../src/adapters/storage/memory/open-memory-storage';
import { TEST_SCRYPT_COST } from '../../src/adapters/security/scrypt-auth-key-hasher';
import { loadConfig } from '../../src/infrastructure/config';
import { composeServer } from '../../src/infrastructure/compose-server';
import { startTestServer, TestServer } from '../support/test-server';
import { aMessageEnvelope, API, HttpTestClient } from './http-test-client';

/** Every sample line of one metric family, `name{labels} value`, as label text → value. */
const samples = (exposition: string, name: string): Map<string, number> =>
  new Map(
    exposition
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(name.length, at), Number(line.slice(at + 1))] as const;
      }),
  );

describe('health and readiness', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  it('answers /healthz and /readyz with 200 while storage answers', async () => {
    server = await startTestServer();
    const client = new HttpTestClient(server.app);
    const health = await client.request('GET', '/healthz');
    const ready = await client.request('GET', '/readyz');
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok' }]);
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready' }]);
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz with 503 when storage does not answer, while /healthz stays 200', async () => {
    const memory = await openMemoryStorage();
    const storage = { ...memory.storage, ping: async () => false };
    const config = { ...loadConfig({}, []), storage: 'memory' as const, logLevel: 'silent' as const, webRoot: null };
    const composed = await composeServer(config, { storage: { ...memory, storage }, scryptCost: TEST_SCRYPT_COST, rateLimits: false });
    const app = await composed.httpApp();
    server = { app, url: null, storage, config, close: () => composed.close() };
    const client = new HttpTestClient(app);
    expect((await client.request('GET', '/readyz')).statusCode).toBe(503);
    expect((await client.request('GET', '/healthz')).statusCode).toBe(200);
  });
});

describe('Prometheus metrics', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  it('are off by default: /metrics is not found', async () => {
    server = await startTestServer();
    expect((await new HttpTestClient(server.app).request('GET', '/metrics')).statusCode).toBe(404);
  });

  it('count requests by route template and status, time them, count accepted drops and gauge the inboxes', async () => {
    server = await startTestServer({ config: { metrics: true } });
    const client = new HttpTestClient(server.app);
    const bob = await client.signUp('bob');
    const token = await client.issueDropToken(bob);
    for (let i = 0; i < 2; i += 1) {
      const dropped = await client.request('POST', `${API}/users/bob/drops`, { token: token.token, body: { envelope: aMessageEnvelope() } });
      expect(dropped.statusCode).toBe(202);
    }
    await client.request('GET', `${API}/users/nobody-here/profile`);
    const stored = await client.request('PUT', `${API}/store/objects/an-object-of-bob-00001`, {
      token: bob.token,
      payload: Buffer.alloc(1234),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(stored.statusCode).toBe(201);
    const chunk = await client.request('POST', `${API}/users/bob/objects`, {
      token: token.token,
      payload: Buffer.alloc(777),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(chunk.statusCode).toBe(202);

    const response = await client.request('GET', '/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = response.body;

    const requests = samples(text, 'starbase_http_requests_total');
    expect(requests.get(`{method="POST",route="${API}/users/:name/drops",status="202"}`)).toBe(2);
    expect(requests.get(`{method="GET",route="${API}/users/:name/profile",status="404"}`)).toBe(1);
    expect([...requests.keys()].some((labels) => labels.includes('nobody-here'))).toBe(false);

    const latencyCount = samples(text, 'starbase_http_request_duration_seconds_count');
    expect(latencyCount.get(`{method="POST",route="${API}/users/:name/drops"}`)).toBe(2);
    const infBucket = samples(text, 'starbase_http_request_duration_seconds_bucket');
    expect(infBucket.get(`{method="POST",route="${API}/users/:name/drops",le="+Inf"}`)).toBe(2);

    expect(samples(text, 'starbase_drops_accepted_total').get('{kind="message"}')).toBe(2);
    expect(samples(text, 'starbase_inbox_items').get('')).toBe(2);
    expect(samples(text, 'starbase_accounts').get('')).toBe(1);
    expect(samples(text, 'starbase_store_objects').get('')).toBe(1);
    expect(samples(text, 'starbase_store_object_bytes').get('')).toBe(1234);
    expect(samples(text, 'starbase_drops_accepted_total').get('{kind="object"}')).toBe(1);
    expect(samples(text, 'starbase_dropped_objects').get('')).toBe(1);
    expect(samples(text, 'starbase_dropped_object_bytes').get('')).toBe(777);
    expect(requests.get(`{method="PUT",route="${API}/store/objects/:id",status="201"}`)).toBe(1);
    expect(text).toContain('# TYPE starbase_http_request_duration_seconds histogram');
  });
});

describe('OpenAPI document', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  /** Rebuilds full paths from Fastify's route tree (four columns of indent per level). */
  const registeredRoutes = (tree: string): { method: string; path: string }[] => {
    const parents: string[] = [];
    const routes: { method: string; path: string }[] = [];
    for (const line of tree.split('\n')) {
      const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!match) continue;
      const depth = (match[1] ?? '').length / 4;
      const path = (parents[depth - 1] ?? '') + (match[2] ?? '');
      parents[depth] = path;
      parents.length = depth + 1;
      for (const method of (match[3] ?? '').split(', ').filter(Boolean)) routes.push({ method, path });
    }
    return routes;
  };

  const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

  it('documents every route the server answers, with its method', async () => {
    server = await startTestServer({ config: { metrics: true } });
    await server.app.ready();
    const response = await new HttpTestClient(server.app).request('GET', `${API}/openapi.json`);
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(document.openapi).toMatch(/^3\./);

    const routes = registeredRoutes(server.app.printRoutes({ commonPrefix: false }));
    // HEAD mirrors every GET; OPTIONS * is the CORS preflight; the docs page serves its own assets.
    const documentable = routes.filter(
      ({ method, path }) => method !== 'HEAD' && method !== 'OPTIONS' && !path.startsWith(`${API}/docs`),
    );
    expect(documentable.length).toBeGreaterThanOrEqual(22);
    expect(documentable).toContainEqual({ method: 'POST', path: `${API}/users/:name/drops` });
    expect(documentable).toContainEqual({ method: 'PUT', path: `${API}/store/objects/:id` });
    const objectPath = document.paths[`${API}/store/objects/{id}`] as Record<string, { requestBody?: { content?: object }; responses?: Record<string, { content?: object }> }>;
    expect(Object.keys(objectPath['put']?.requestBody?.content ?? {})).toEqual(['application/octet-stream']);
    expect(Object.keys(objectPath['get']?.responses?.['200']?.content ?? {})).toEqual(['application/octet-stream']);
    const droppedPath = document.paths[`${API}/users/{name}/objects`] as Record<string, { requestBody?: { content?: object }; responses?: Record<string, unknown> }>;
    expect(Object.keys(droppedPath['post']?.requestBody?.content ?? {})).toEqual(['application/octet-stream']);
    expect(Object.keys(droppedPath['post']?.responses ?? {})).toContain('202');
    const missing = documentable.filter(({ method, path }) => document.paths[toOpenApiPath(path)]?.[method.toLowerCase()] === undefined);
    expect(missing).toEqual([]);
  });

  it('shows request schemas and marks session routes as needing the bearer token', async () => {
    server = await startTestServer();
    const document = (await new HttpTestClient(server.app).request('GET', `${API}/openapi.json`)).json<{
      paths: Record<string, Record<string, { security?: unknown; requestBody?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(document.components.securitySchemes).toEqual({ session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    expect(document.paths[`${API}/blob`]?.get?.security).toEqual([{ session: [] }]);
    expect(document.paths[`${API}/accounts`]?.post?.security).toBeUndefined();
    expect(document.paths[`${API}/accounts`]?.post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: expect.arrayContaining(['name', 'authKey', 'kdf']) } } },
    });
  });

  it('serves the docs page without inline scripts, relaxing only its own style-src, in a sandbox', async () => {
    server = await startTestServer();
    const client = new HttpTestClient(server.app);
    const page = await client.request('GET', `${API}/docs/`);
    const pageAsset = await client.request('GET', `${API}/docs/static/swagger-initializer.js`);
    const document = await client.request('GET', `${API}/openapi.json`);
    expect([page.statusCode, pageAsset.statusCode]).toEqual([200, 200]);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const directives = (header: unknown): Map<string, string> =>
      new Map(String(header).split(';').map((directive) => directive.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources.join(' ')]));
    const docsPolicy = directives(page.headers['content-security-policy']);
    const globalPolicy = directives(document.headers['content-security-policy']);
    expect(globalPolicy.get('style-src')).toBe("'self'");
    expect(docsPolicy.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(docsPolicy.get('script-src')).toBe(globalPolicy.get('script-src'));
    // The sandbox (an opaque origin, no access to the app's storage) is the one addition.
    expect(docsPolicy.get('sandbox')).toBe('allow-scripts');
    expect({ ...Object.fromEntries(docsPolicy), 'style-src': '', sandbox: '' }).toEqual({ ...Object.fromEntries(globalPolicy), 'style-src': '', sandbox: '' });
  });
});
