import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the fake server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Responder = (request: SeenRequest, response: ServerResponse) => void | Promise<void>;

/**
 * A scriptable home server on 127.0.0.1:0 (node:http). Each route answers with its responders in
 * turn, repeating the last one; unrouted requests get a PROTOCOL 404. It records requests so tests
 * can count attempts and read what arrived.
 */
export class FakeHomeServer {
  readonly seen: SeenRequest[] = [];
  private readonly routes = new Map<string, { responders: Responder[]; next: number }>();

  private constructor(
    private readonly server: Server,
    readonly authority: string,
  ) {}

  static async start(): Promise<FakeHomeServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeHomeServer(server, `127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void fake.handle(request, response));
    return fake;
  }

  /** `path` without the query string, e.g. `/api/v1/blob`. */
  route(method: string, path: string, ...responders: Responder[]): this {
    this.routes.set(`${method} ${path}`, { responders, next: 0 });
    return this;
  }

  hits(method: string, path: string): number {
    return this.seen.filter((request) => request.method === method && request.path === path).length;
  }

  last(method: string, path: string): SeenRequest {
    const matching = this.seen.filter((request) => request.method === method && request.path === path);
    const found = matching[matching.length - 1];
    if (found === undefined) throw new Error(`no ${method} ${path} seen`);
    return found;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const seen: SeenRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.seen.push(seen);
    const route = this.routes.get(`${seen.method} ${seen.path}`);
    if (route === undefined) {
      await problem(404, 'not_found')(seen, response);
      return;
    }
    const responder = route.responders[Math.min(route.next, route.responders.length - 1)]!;
    route.next += 1;
    await responder(seen, response);
  }
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Responder =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

export const problem =
  (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Responder =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
    response.end(
      JSON.stringify({ type: 'about:blank', title: code, status, detail: `fake ${code}`, code, ...extra }),
    );
  };

export const text =
  (status: number, body: string | Buffer, headers: Record<string, string> = {}): Responder =>
  (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };

export const noContent: Responder = (_request, response) => {
  response.writeHead(204);
  response.end();
};

/** Never answers: the connection stays open until the client gives up or the server closes. */
export const hang: Responder = () => undefined;

/** Answers only requests carrying `Authorization: Bearer <token>`, others with 401. */
export const requireBearer =
  (token: string, responder: Responder): Responder =>
  (request, response) =>
    request.headers.authorization === `Bearer ${token}`
      ? responder(request, response)
      : problem(401, 'unauthorized')(request, response);

export type StreamStep = string | { readonly pauseMs: number } | 'end';

/**
 * An event stream written piece by piece, pausing between pieces so they reach the client as
 * separate chunks. Stays open after the last piece unless the script ends with 'end'.
 */
export const eventStream =
  (steps: readonly StreamStep[], headers: Record<string, string> = {}): Responder =>
  async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', ...headers });
    response.flushHeaders();
    response.socket?.setNoDelay(true);
    for (const step of steps) {
      if (response.destroyed) return;
      if (step === 'end') {
        response.end();
        return;
      }
      if (typeof step === 'string') response.write(step);
      else await new Promise((resolve) => setTimeout(resolve, step.pauseMs));
    }
  };

/**
 * A PROTOCOL-faithful `/blob`: versioned, `ETag: "<version>"` on reads, `If-Match` required on
 * writes (428 without, 412 with `currentVersion` on a stale one).
 */
export const serveBlob = (server: FakeHomeServer, session: string, initial: { version: number; ciphertext: string }) => {
  const blob = { ...initial };
  server.route(
    'GET',
    '/api/v1/blob',
    requireBearer(session, (request, response) =>
      json(200, { version: blob.version, ciphertext: blob.ciphertext }, { etag: `"${blob.version}"` })(request, response),
    ),
  );
  server.route(
    'PUT',
    '/api/v1/blob',
    requireBearer(session, (request, response) => {
      const ifMatch = request.headers['if-match'];
      if (ifMatch === undefined) return problem(428, 'precondition_required')(request, response);
      if (ifMatch !== `"${blob.version}"`) {
        return problem(412, 'version_conflict', { currentVersion: blob.version })(request, response);
      }
      blob.version += 1;
      blob.ciphertext = (JSON.parse(request.body) as { ciphertext: string }).ciphertext;
      return json(200, { version: blob.version })(request, response);
    }),
  );
  return blob;
};
