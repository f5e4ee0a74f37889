import rateLimit from '@fastify/rate-limit';
import Fastify, { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../../domain/protocol/wire/well-known';
import { authorityResolver } from './authority';
import { closeConnectionsGoneIdle } from './close-connections-gone-idle';
import { sessionHook } from './authentication';
import { frameworkErrorHandler, installErrorHandling } from './error-handling';
import { HttpAppDependencies, HttpSettings } from './http-dependencies';
import { healthRoutes } from './ops/health-routes';
import { registerMetrics } from './ops/metrics';
import { registerApiDocs, registerOpenApi } from './ops/openapi';
import { rateLimiterFactory } from './rate-limits';
import { bodyLimitsFor, RouteContext } from './route-context';
import { accountRoutes } from './routes/own-account-routes';
import { accountsRoutes } from './routes/registration-routes';
import { blobRoutes } from './routes/blob-routes';
import { dropTokensRoutes } from './routes/drop-tokens-routes';
import { inboxEventsRoutes } from './routes/inbox-events-routes';
import { inboxRoutes } from './routes/inbox-routes';
import { sessionsRoutes } from './routes/sessions-routes';
import { storeObjectRoutes } from './routes/store-object-routes';
import { droppedObjectRoutes, usersRoutes } from './routes/recipient-routes';
import { wellKnownRoutes } from './routes/well-known-routes';
import { registerSecurityHeaders } from './security-headers';
import { capConnectionsPerAddress, installBodyDeadline, serverTimeouts } from './slow-clients';
import { registerWebApp } from './web-app';

/** Never log credentials: tokens travel only in these headers. */
export const LOG_REDACTIONS = ['req.headers.authorization', 'req.headers["if-match"]', 'headers.authorization'];

/**
 * What a request contributes to the log: no query string, so a client that wrongly puts a token
 * in the URL does not get it written down (the API never reads one from there anyway).
 */
export const requestLogFields = (request: FastifyRequest) => ({
  method: request.method,
  url: request.url.includes('?') ? `${request.url.split('?')[0] ?? ''}?[redacted]` : request.url,
  host: request.host,
  remoteAddress: request.ip,
});

/** A hop count as the function Fastify's runtime builds from a number (its types only take the function). */
const fastifyTrustProxy = (setting: HttpSettings['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) => {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting === false ? false : [...setting];
};

/** The home server's HTTP interface (PROTOCOL §5) over the server use cases. */
export const buildHttpApp = async (deps: HttpAppDependencies): Promise<FastifyInstance> => {
  const { settings } = deps;
  const bodyLimits = bodyLimitsFor(settings.policy);
  const app = Fastify({
    logger:
      settings.logLevel === false
        ? false
        : {
            level: settings.logLevel,
            redact: { paths: LOG_REDACTIONS, censor: '[redacted]' },
            serializers: { req: requestLogFields },
            ...(deps.logDestination ? { stream: deps.logDestination } : {}),
          },
    bodyLimit: bodyLimits.small,
    trustProxy: fastifyTrustProxy(settings.trustProxy),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 128 },
    // Reject unknown fields instead of stripping them, and never coerce types in bodies.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    frameworkErrors: frameworkErrorHandler,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ...serverTimeouts(settings.clientLimits, bodyLimits.blob),
  });

  installErrorHandling(app);
  installBodyDeadline(app, settings.clientLimits);
  closeConnectionsGoneIdle(app);
  const { connectionsPerAddress } = settings.clientLimits;
  if (connectionsPerAddress !== null && settings.rateLimits !== false && settings.trustProxy === false) {
    capConnectionsPerAddress(app.server, connectionsPerAddress);
  }
  // Only JSON bodies: everything else is 415 `unsupported_media_type`.
  app.removeContentTypeParser(['text/plain']);
  await registerSecurityHeaders(app);
  if (settings.rateLimits !== false) await app.register(rateLimit, { global: false });

  const ctx: RouteContext = {
    useCases: deps.useCases,
    notifier: deps.notifier,
    settings,
    authenticated: sessionHook(deps.useCases.authenticateSession),
    rateLimiter: rateLimiterFactory(app, settings.rateLimits),
    authorityOf: authorityResolver(settings.publicUrl),
    bodyLimits,
  };
  app.decorateRequest('owner', null);

  // Before every route: both collect the routes as they are added.
  await registerOpenApi(app, ctx.authenticated);
  if (deps.ops.metrics) registerMetrics(app, deps.ops.metrics.gauges);
  healthRoutes(app, deps.ops);
  wellKnownRoutes(app, ctx);
  await app.register(
    async (api) => {
      for (const routes of [accountsRoutes, sessionsRoutes, blobRoutes, accountRoutes, dropTokensRoutes, usersRoutes, inboxRoutes, inboxEventsRoutes]) {
        routes(api, ctx);
      }
      await api.register(async (store) => storeObjectRoutes(store, ctx));
      await api.register(async (drops) => droppedObjectRoutes(drops, ctx));
    },
    { prefix: API_PREFIX },
  );
  await registerApiDocs(app);
  await registerWebApp(app, settings.webRoot);
  return app;
};
