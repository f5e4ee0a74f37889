import { FastifyInstance } from 'fastify';
import { OpenSessionRequest, OpenSessionResponse } from '../../../domain/protocol/wire/sessions';
import { ownerOf } from '../authentication';
import { decodeB64uField } from '../base64url-input';
import { byClientAddress } from '../rate-limits';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';

export const sessionsRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.post<{ Body: OpenSessionRequest }>(
    '/sessions',
    {
      onRequest: ctx.rateLimiter('login', byClientAddress),
      schema: { body: OpenSessionRequest, response: { 201: OpenSessionResponse } },
    },
    async (request, reply) => {
      const session = valueOrThrow(
        await ctx.useCases.openSession.execute({
          name: request.body.name,
          authKey: decodeB64uField(request.body.authKey, 'authKey'),
        }),
      );
      return reply.code(201).send(session);
    },
  );

  app.delete('/sessions/current', { onRequest: ctx.authenticated }, async (request, reply) => {
    valueOrThrow(await ctx.useCases.closeSession.execute({ jti: ownerOf(request).jti }));
    return reply.code(204).send();
  });
};
