import fastifyStatic from '@fastify/static';
import { FastifyInstance } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DISCOVERY_HEADER, WELL_KNOWN_PATH } from '../../domain/protocol/wire/well-known';

/** True when the web app's build output is there to be served. */
export const hasWebApp = (webRoot: string | null): webRoot is string =>
  webRoot !== null && existsSync(webRoot) && statSync(webRoot).isDirectory() && existsSync(resolve(webRoot, 'index.html'));

/** Serves the built browser client (dist/web) at `/`; the API does not depend on it. */
export const registerWebApp = async (app: FastifyInstance, webRoot: string | null): Promise<void> => {
  if (!hasWebApp(webRoot)) return;
  await app.register(fastifyStatic, {
    root: resolve(webRoot),
    prefix: '/',
    index: ['index.html'],
    wildcard: true,
    dotfiles: 'deny',
    cacheControl: true,
    maxAge: 0,
    // The app asks the well-known path only where this says it is there: a plain static host would log its 404.
    setHeaders: (reply) => void reply.header(DISCOVERY_HEADER, WELL_KNOWN_PATH),
  });
};
