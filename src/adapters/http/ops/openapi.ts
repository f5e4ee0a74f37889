import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { API_PREFIX, PROTOCOL_ID } from '../../../domain/protocol/wire/well-known';
import { CONTENT_SECURITY_POLICY } from '../security-headers';

export const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;
export const DOCS_PATH = `${API_PREFIX}/docs`;

const hooksOf = (hooks: unknown): unknown[] => (Array.isArray(hooks) ? hooks : hooks === undefined ? [] : [hooks]);

const tagOf = (url: string): string => {
  if (!url.startsWith(`${API_PREFIX}/`)) return url.startsWith('/.well-known') ? 'discovery' : 'operations';
  return url.slice(API_PREFIX.length + 1).split('/')[0] ?? 'api';
};

/**
 * OpenAPI 3 from the route schemas. Must be registered before the routes: it collects them as
 * they are added. Routes behind the session hook are marked as needing the bearer token.
 */
export const registerOpenApi = async (app: FastifyInstance, authenticated: onRequestAsyncHookHandler): Promise<void> => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'starbase home server',
        description: `The ${PROTOCOL_ID} wire protocol (PROTOCOL.md §5) and the operator endpoints.`,
        version: PROTOCOL_ID,
      },
      components: {
        securitySchemes: { session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: ({ schema, url, route }) => {
      const needsSession = hooksOf(route.onRequest).includes(authenticated);
      const documented = { ...(schema ?? {}), tags: (schema as { tags?: string[] } | undefined)?.tags ?? [tagOf(url)] };
      return { schema: needsSession ? { ...documented, security: [{ session: [] }] } : documented, url };
    },
  });
};

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The docs page's policy: the global one, except that Swagger UI's React code inserts `<style>`
 * elements, so styles (never scripts) may be inline on these routes only. And a sandbox without
 * `allow-same-origin`: Swagger UI is third-party code served by the same origin as the web app,
 * so it runs in an opaque origin that cannot read the app's storage (keys kept to stay signed in,
 * blob versions, KDF memory) or act as the app.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  ...Object.entries({
    ...CONTENT_SECURITY_POLICY,
    styleSrc: [...CONTENT_SECURITY_POLICY.styleSrc, "'unsafe-inline'"],
  }).map(([directive, sources]) => `${kebab(directive)} ${sources.join(' ')}`),
  'sandbox allow-scripts',
].join(';');

/**
 * The document at `/api/v1/openapi.json` and a Swagger UI page at `/api/v1/docs`, which loads
 * only same-origin scripts (served from node_modules by @fastify/swagger-ui, no CDN).
 */
export const registerApiDocs = async (app: FastifyInstance): Promise<void> => {
  app.get(OPENAPI_PATH, { schema: { tags: ['operations'], summary: 'This OpenAPI document' } }, async () => app.swagger());
  await app.register(async (docs) => {
    docs.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
      // The sandboxed page has an opaque origin: its own public scripts and styles must load cross-origin.
      reply.header('cross-origin-resource-policy', 'cross-origin');
      return payload;
    });
    await docs.register(swaggerUi, {
      routePrefix: DOCS_PATH,
      uiConfig: { deepLinking: true, displayRequestDuration: true },
      staticCSP: false,
    });
  });
};
