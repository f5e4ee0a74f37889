import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../src/adapters/http/security-headers';
import { DISCOVERY_HEADER, WELL_KNOWN_PATH } from '../../../src/domain/protocol/wire/well-known';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * Chromium rejects IPv6 literals in a CSP source list and logs a console error for each page load;
 * the server's policy still lists one (reported to its owner), so this copy leaves it out.
 */
const INVALID_IN_CHROMIUM = new Set(['http://[::1]:*']);

/** The policy the home server sends with the app (no inline script or style). */
export const PRODUCTION_CSP = Object.entries(CONTENT_SECURITY_POLICY)
  .map(([directive, sources]) => `${kebab(directive)} ${sources.filter((source) => !INVALID_IN_CHROMIUM.has(source)).join(' ')}`)
  .join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export interface StaticServerOptions {
  /** Answer `/.well-known/starbase` as a home server would, so the app defaults to this host. */
  readonly actAsHomeServer?: boolean;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>`, the authority part of addresses on this "server". */
  readonly host: string;
  /** Every CSP violation report the browser sent (report-uri). */
  readonly cspReports: unknown[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function serveFile(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const content = await readFile(file);
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(content);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/** A tiny static host for a built app, on 127.0.0.1, with the production CSP plus a report endpoint. */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const cspReports: unknown[] = [];
  const server = createServer((request, response) => {
    response.setHeader('content-security-policy', `${PRODUCTION_CSP}; report-uri /csp-report`);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('cache-control', 'no-store');
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handle = async () => {
      if (request.method === 'POST' && path === '/csp-report') {
        cspReports.push(JSON.parse(await readBody(request)) as unknown);
        response.writeHead(204).end();
      } else if (options.actAsHomeServer && path === WELL_KNOWN_PATH) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ protocol: 'starbase/1', api: '/api/v1' }));
      } else if (request.method === 'GET' || request.method === 'HEAD') {
        // As a home server says of the app it serves; a plain host answers the well-known path 404, as any does.
        if (options.actAsHomeServer) response.setHeader(DISCOVERY_HEADER, WELL_KNOWN_PATH);
        await serveFile(root, path, response);
      } else response.writeHead(405).end();
    };
    handle().catch((error: unknown) => {
      response.writeHead(500).end();
      throw error;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    cspReports,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
