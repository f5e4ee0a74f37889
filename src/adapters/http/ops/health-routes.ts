import { Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';
import { OpsDependencies } from './ops-dependencies';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

const Status = Type.Object({ status: Type.String() }, { additionalProperties: false });

/**
 * Liveness and readiness for orchestrators and load balancers: `/healthz` answers while the
 * process serves HTTP at all; `/readyz` only while storage answers too. During shutdown both
 * answer 503 (Fastify's return503OnClosing), so traffic drains away before the process exits.
 */
export const healthRoutes = (app: FastifyInstance, deps: Pick<OpsDependencies, 'ready'>): void => {
  app.get(
    HEALTH_PATH,
    { schema: { tags: ['operations'], summary: 'Liveness: the process is up', response: { 200: Status } } },
    async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  app.get(
    READY_PATH,
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: storage is reachable',
        response: { 200: Status, 503: Status },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const ready = await deps.ready().catch((error: unknown) => {
        request.log.error({ err: error }, 'readiness: storage ping failed');
        return false;
      });
      return ready ? reply.send({ status: 'ready' }) : reply.code(503).send({ status: 'storage unavailable' });
    },
  );
};
