import { FastifyInstance } from 'fastify';
import { ObjectChanges } from '../../../domain/home-server/store/store-commit';
import { BlobResponse, blobEntityTag, parseBlobEntityTag, WriteBlobRequest, WriteBlobResponse } from '../../../domain/protocol/wire/blob';
import { ObjectChangesBody } from '../../../domain/protocol/wire/store-objects';
import { ownerOf } from '../authentication';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { decodeB64uField } from '../base64url-input';
import { validationProblem } from '../problem';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';

const objectChangesOf = (body: ObjectChangesBody): ObjectChanges => ({
  commit: body.commit ?? [],
  release: body.release ?? [],
  claim: body.claim ?? [],
});

export const blobRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.get('/blob', { onRequest: ctx.authenticated, schema: { response: { 200: BlobResponse } } }, async (request, reply) => {
    const blob = valueOrThrow(await ctx.useCases.readUserBlob.execute({ name: ownerOf(request).name }));
    return reply.header('etag', blobEntityTag(blob.version)).send({ version: blob.version, ciphertext: encodeB64u(blob.ciphertext) });
  });

  app.put<{ Body: WriteBlobRequest }>(
    '/blob',
    {
      onRequest: ctx.authenticated,
      bodyLimit: ctx.bodyLimits.blob,
      schema: { body: WriteBlobRequest, response: { 200: WriteBlobResponse } },
    },
    async (request, reply) => {
      const header = request.headers['if-match'];
      const ifMatch = header === undefined ? null : parseBlobEntityTag(header);
      if (header !== undefined && ifMatch === null) throw validationProblem('If-Match must be one strong entity tag: "<version>"');
      const written = valueOrThrow(
        await ctx.useCases.writeUserBlob.execute({
          name: ownerOf(request).name,
          session: ownerOf(request).jti,
          ifMatch,
          ciphertext: decodeB64uField(request.body.ciphertext, 'ciphertext'),
          ...(request.body.objects === undefined ? {} : { objects: objectChangesOf(request.body.objects) }),
        }),
      );
      return reply.header('etag', blobEntityTag(written.version)).send(written);
    },
  );
};
