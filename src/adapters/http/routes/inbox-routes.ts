import { FastifyInstance } from 'fastify';
import { AckRequest, AckResponse, InboxPage, InboxQuery } from '../../../domain/protocol/wire/inbox';
import { ownerOf } from '../authentication';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';
import { inboxPageBody } from './inbox-page-json';

export const inboxRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.get<{ Querystring: InboxQuery }>(
    '/inbox',
    // The response schema documents the body (OpenAPI); the body itself is pre-serialized text.
    { onRequest: ctx.authenticated, schema: { querystring: InboxQuery, response: { 200: InboxPage } } },
    async (request, reply) => {
      const { after, limit } = request.query;
      const listing = valueOrThrow(
        await ctx.useCases.listInbox.execute({
          name: ownerOf(request).name,
          ...(after === undefined ? {} : { after }),
          ...(limit === undefined ? {} : { limit: Number(limit) }),
        }),
      );
      return reply.type('application/json; charset=utf-8').send(inboxPageBody(listing));
    },
  );

  app.post<{ Body: AckRequest }>(
    '/inbox/ack',
    { onRequest: ctx.authenticated, bodyLimit: ctx.bodyLimits.ack, schema: { body: AckRequest, response: { 200: AckResponse } } },
    async (request) =>
      valueOrThrow(
        await ctx.useCases.ackInbox.execute({ name: ownerOf(request).name, ids: request.body.ids, objects: request.body.objects ?? [] }),
      ),
  );
};
