import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { finished } from 'node:stream/promises';
import { HttpProblem } from '../problem';
import {
  OBJECT_CACHE_CONTROL,
  OBJECT_CONTENT_TYPE,
  ObjectIdParams,
  StoredObjectResponse,
  StoreObjectList,
  StoreObjectQuery,
} from '../../../domain/protocol/wire/store-objects';
import { ownerOf } from '../authentication';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';
import { LentObjectBodies } from './lent-object-bodies';

/** An object's entity tag: its id, since the bytes under an id never change (PROTOCOL §8.1). */
const objectEntityTag = (id: string): string => `"${id}"`;

const BINARY_BODY = { type: 'string', format: 'binary' } as const;

const unsupportedMediaType = (): HttpProblem =>
  new HttpProblem(415, 'unsupported_media_type', 'Unsupported media type', `Object bodies are ${OBJECT_CONTENT_TYPE}.`);

/** The raw body the octet-stream parser produced; anything else means no such body was sent. */
export const rawBody = (request: FastifyRequest): Buffer => {
  if (!Buffer.isBuffer(request.body)) throw unsupportedMediaType();
  return request.body;
};

/**
 * In this scope, only raw `application/octet-stream` bodies of at most `objectBytes`, each lent to
 * its handler: `lend` it (rawBody) to the use case, and keep nothing of it after.
 */
export const acceptOnlyRawObjects = (app: FastifyInstance, ctx: RouteContext): LentObjectBodies => {
  const bodies = new LentObjectBodies(ctx.bodyLimits.object);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(OBJECT_CONTENT_TYPE, { bodyLimit: ctx.bodyLimits.object }, bodies.parse);
  return bodies;
};

/**
 * Sends bytes the storage lent (StoreObjectRepository.read) and settles once the response no longer
 * holds them: all handed to the socket, or the connection closed. Until then they must not be lent again.
 */
const sendLent = async (reply: FastifyReply, bytes: Uint8Array): Promise<void> => {
  reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // A response cut short (the client went away) gives the bytes back as well: the socket is gone.
  await finished(reply.raw).catch(() => undefined);
};

/**
 * The user store's objects (PROTOCOL §8.1). Registered in a scope of their own: only raw
 * `application/octet-stream` bodies are parsed here (no JSON, no base64), and only here.
 */
export const storeObjectRoutes = async (app: FastifyInstance, ctx: RouteContext): Promise<void> => {
  const bodies = acceptOnlyRawObjects(app, ctx);

  app.put<{ Params: ObjectIdParams }>(
    '/store/objects/:id',
    {
      onRequest: ctx.authenticated,
      bodyLimit: ctx.bodyLimits.object,
      schema: {
        params: ObjectIdParams,
        consumes: [OBJECT_CONTENT_TYPE],
        // Documents the raw body for OpenAPI; no type, so the validator lets the parser's Buffer through.
        body: { description: 'The object, byte for byte (at most objectBytes).' },
        response: { 200: StoredObjectResponse, 201: StoredObjectResponse },
      },
    },
    async (request, reply) => {
      const stored = valueOrThrow(
        await bodies.lend(rawBody(request), (data) => ctx.useCases.putStoreObject.execute({ name: ownerOf(request).name, id: request.params.id, data })),
      );
      return reply
        .code(stored.created ? 201 : 200)
        .header('etag', objectEntityTag(stored.id))
        .send({ id: stored.id, bytes: stored.bytes });
    },
  );

  app.get<{ Params: ObjectIdParams }>(
    '/store/objects/:id',
    {
      onRequest: ctx.authenticated,
      schema: {
        params: ObjectIdParams,
        produces: [OBJECT_CONTENT_TYPE],
        response: { 200: { description: 'The object, byte for byte.', content: { [OBJECT_CONTENT_TYPE]: { schema: BINARY_BODY } } } },
      },
    },
    async (request, reply) => {
      const wanted = { name: ownerOf(request).name, id: request.params.id };
      const etag = objectEntityTag(wanted.id);
      // The bytes under an id never change: a client holding them learns only that the object is still there.
      if (request.headers['if-none-match'] === etag) {
        valueOrThrow(await ctx.useCases.findStoreObject.execute(wanted));
        return reply.header('etag', etag).header('cache-control', OBJECT_CACHE_CONTROL).code(304).send();
      }
      valueOrThrow(
        await ctx.useCases.readStoreObject.execute(wanted, (object) =>
          sendLent(reply.header('etag', etag).header('cache-control', OBJECT_CACHE_CONTROL).type(OBJECT_CONTENT_TYPE), object.data),
        ),
      );
      return reply;
    },
  );

  app.delete<{ Params: ObjectIdParams }>(
    '/store/objects/:id',
    { onRequest: ctx.authenticated, schema: { params: ObjectIdParams } },
    async (request, reply) => {
      valueOrThrow(await ctx.useCases.deleteStoreObject.execute({ name: ownerOf(request).name, id: request.params.id }));
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: StoreObjectQuery }>(
    '/store/objects',
    { onRequest: ctx.authenticated, schema: { querystring: StoreObjectQuery, response: { 200: StoreObjectList } } },
    async (request): Promise<StoreObjectList> => {
      const { state, after, limit } = request.query;
      const page = valueOrThrow(
        await ctx.useCases.listStoreObjects.execute({
          name: ownerOf(request).name,
          state: state ?? null,
          ...(after === undefined ? {} : { after }),
          ...(limit === undefined ? {} : { limit: Number(limit) }),
        }),
      );
      return {
        items: page.items.map((item) => ({ id: item.id, bytes: item.bytes, createdAt: item.createdAt, state: item.state === 'committed' ? 'committed' : 'staged' })),
        next: page.next,
      };
    },
  );
};
