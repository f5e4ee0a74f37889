import { FastifyInstance } from 'fastify';
import { KdfParamsBody, RegisterRequest, RegisterResponse } from '../../../domain/protocol/wire/accounts';
import { NameParams } from '../../../domain/protocol/wire/primitives';
import { byClientAddress } from '../rate-limits';
import { decodeB64uField } from '../base64url-input';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';

export const accountsRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.get<{ Params: NameParams }>(
    '/accounts/:name/kdf',
    { schema: { params: NameParams, response: { 200: KdfParamsBody } } },
    async (request) => valueOrThrow(await ctx.useCases.getKdfParams.execute({ name: request.params.name })),
  );

  app.post<{ Body: RegisterRequest }>(
    '/accounts',
    {
      bodyLimit: ctx.bodyLimits.blob,
      onRequest: ctx.rateLimiter('register', byClientAddress),
      schema: { body: RegisterRequest, response: { 201: RegisterResponse } },
    },
    async (request, reply) => {
      const body = request.body;
      decodeB64uField(body.kdf.salt, 'kdf.salt');
      const registered = valueOrThrow(
        await ctx.useCases.registerAccount.execute({
          name: body.name,
          authKey: decodeB64uField(body.authKey, 'authKey'),
          kdf: body.kdf,
          identityKey: decodeB64uField(body.identityKey, 'identityKey'),
          blob: { ciphertext: decodeB64uField(body.blob.ciphertext, 'blob.ciphertext') },
          authority: ctx.authorityOf(request),
          ...(body.invite === undefined ? {} : { inviteCode: body.invite }),
        }),
      );
      return reply.code(201).send(registered);
    },
  );
};
