import { FastifyInstance } from 'fastify';
import { CreateDropTokenResponse, DropTokenList } from '../../../domain/protocol/wire/drop-tokens';
import { EmptyBody, IdParams } from '../../../domain/protocol/wire/primitives';
import { ownerOf } from '../authentication';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';

export const dropTokensRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.post<{ Body: EmptyBody }>(
    '/drop-tokens',
    {
      onRequest: ctx.authenticated,
      // `{}` is the documented body; a client that sends none means the same.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: { body: EmptyBody, response: { 201: CreateDropTokenResponse } },
    },
    async (request, reply) => {
      const issued = valueOrThrow(await ctx.useCases.issueDropToken.execute({ name: ownerOf(request).name }));
      return reply.code(201).send(issued);
    },
  );

  app.get('/drop-tokens', { onRequest: ctx.authenticated, schema: { response: { 200: DropTokenList } } }, async (request) =>
    valueOrThrow(await ctx.useCases.listDropTokens.execute({ name: ownerOf(request).name })),
  );

  app.delete<{ Params: IdParams }>(
    '/drop-tokens/:id',
    { onRequest: ctx.authenticated, schema: { params: IdParams } },
    async (request, reply) => {
      valueOrThrow(await ctx.useCases.revokeDropToken.execute({ name: ownerOf(request).name, id: request.params.id }));
      return reply.code(204).send();
    },
  );
};
