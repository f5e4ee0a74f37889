import { FastifyInstance } from 'fastify';
import {
  AccountViewBody,
  ChangeCredentialsRequest,
  ChangeCredentialsResponse,
  DeleteAccountRequest,
  PatchAccountRequest,
} from '../../../domain/protocol/wire/accounts';
import { ownerOf } from '../authentication';
import { decodeB64uField } from '../base64url-input';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';

/** The signed-in owner's own account. */
export const accountRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.patch<{ Body: PatchAccountRequest }>(
    '/account',
    { onRequest: ctx.authenticated, schema: { body: PatchAccountRequest, response: { 200: AccountViewBody } } },
    async (request) =>
      valueOrThrow(
        await ctx.useCases.updateAccountSettings.execute({
          name: ownerOf(request).name,
          authority: ctx.authorityOf(request),
          openInbox: request.body.openInbox,
        }),
      ),
  );

  app.put<{ Body: ChangeCredentialsRequest }>(
    '/account/credentials',
    {
      onRequest: ctx.authenticated,
      bodyLimit: ctx.bodyLimits.blob,
      schema: { body: ChangeCredentialsRequest, response: { 200: ChangeCredentialsResponse } },
    },
    async (request) => {
      const body = request.body;
      decodeB64uField(body.kdf.salt, 'kdf.salt');
      return valueOrThrow(
        await ctx.useCases.changeCredentials.execute({
          name: ownerOf(request).name,
          currentAuthKey: decodeB64uField(body.currentAuthKey, 'currentAuthKey'),
          authKey: decodeB64uField(body.authKey, 'authKey'),
          kdf: body.kdf,
          blob: { version: body.blob.version, ciphertext: decodeB64uField(body.blob.ciphertext, 'blob.ciphertext') },
        }),
      );
    },
  );

  app.delete<{ Body: DeleteAccountRequest }>(
    '/account',
    { onRequest: ctx.authenticated, schema: { body: DeleteAccountRequest } },
    async (request, reply) => {
      valueOrThrow(
        await ctx.useCases.deleteAccount.execute({
          name: ownerOf(request).name,
          authKey: decodeB64uField(request.body.authKey, 'authKey'),
        }),
      );
      return reply.code(204).send();
    },
  );
};
