import { FastifyInstance, FastifyRequest } from 'fastify';
import { NameParams } from '../../../domain/protocol/wire/primitives';
import { AcceptedResponse, CaptchaBody, CaptchaQuery, DropRequest, FriendRequestRequest, ProfileBody } from '../../../domain/protocol/wire/users';
import { bearerToken } from '../authentication';
import { checkEnvelopeEncoding } from '../base64url-input';
import { byClientAddress } from '../rate-limits';
import { CaptchaLoad } from '../captcha-load';
import { valueOrThrow } from '../result-to-http';
import { RouteContext } from '../route-context';
import { DroppedObjectResponse, OBJECT_CONTENT_TYPE } from '../../../domain/protocol/wire/store-objects';
import { acceptOnlyRawObjects, rawBody } from './store-object-routes';

/** Bodies above this size, or of unknown size, are authorized before they are read. */
const EARLY_AUTHORIZATION_BYTES = 8 * 1024;

const mayBeLarge = (request: FastifyRequest): boolean => {
  const length = Number(request.headers['content-length'] ?? NaN);
  return Number.isNaN(length) ? request.headers['transfer-encoding'] !== undefined : length > EARLY_AUTHORIZATION_BYTES;
};

/** Public endpoints about one account: what strangers and friends use to reach it. */
export const usersRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.get<{ Params: NameParams }>(
    '/users/:name/profile',
    { schema: { params: NameParams, response: { 200: ProfileBody } } },
    async (request) =>
      valueOrThrow(await ctx.useCases.getProfile.execute({ name: request.params.name, authority: ctx.authorityOf(request) })),
  );

  // Each client is limited; a recipient under load gets harder captchas, never none at all.
  const captchaLoad = new CaptchaLoad(ctx.settings.rateLimits === false ? null : ctx.settings.rateLimits.captchaLoadPerRecipient);
  app.get<{ Params: NameParams; Querystring: CaptchaQuery }>(
    '/users/:name/captcha',
    {
      onRequest: ctx.rateLimiter('captchaPerClient', byClientAddress),
      schema: { params: NameParams, querystring: CaptchaQuery, response: { 200: CaptchaBody } },
    },
    async (request): Promise<CaptchaBody> => {
      const { name } = request.params;
      const difficulty = captchaLoad.difficultyFor(name);
      const issued = valueOrThrow(await ctx.useCases.issueCaptcha.execute({ name, kind: request.query.kind, difficulty }));
      captchaLoad.recordIssued(name);
      const alternatives = issued.alternatives.length > 0 ? { alternatives: [...issued.alternatives] } : {};
      return { id: issued.id, expiresAt: issued.expiresAt, ...issued.challenge, ...alternatives };
    },
  );

  app.post<{ Params: NameParams; Body: FriendRequestRequest }>(
    '/users/:name/friend-requests',
    {
      bodyLimit: ctx.bodyLimits.envelope,
      onRequest: ctx.rateLimiter('friendRequestPerClient', byClientAddress),
      schema: { params: NameParams, body: FriendRequestRequest, response: { 202: AcceptedResponse } },
    },
    async (request, reply) => {
      checkEnvelopeEncoding(request.body.envelope);
      const accepted = valueOrThrow(
        await ctx.useCases.dropFriendRequest.execute({
          name: request.params.name,
          captcha: { id: request.body.captcha.id, answer: String(request.body.captcha.answer) },
          envelope: JSON.stringify(request.body.envelope),
        }),
      );
      return reply.code(202).send(accepted);
    },
  );

  const openInboxDropLimit = ctx.rateLimiter('openInboxDropPerClient', byClientAddress);
  app.post<{ Params: NameParams; Body: DropRequest }>(
    '/users/:name/drops',
    {
      bodyLimit: ctx.bodyLimits.envelope,
      // A friend's token is limited by its quota; strangers (no token) pay per client address.
      onRequest: async function limitTokenless(request, reply) {
        if (bearerToken(request) === null) await openInboxDropLimit.call(this, request, reply);
      },
      // A stranger's large body is refused before it is read (small ones cost less than a second lookup).
      preParsing: async (request, reply, payload) => {
        if (!mayBeLarge(request)) return payload;
        const grant = await ctx.useCases.authorizeDrop.execute({ name: request.params.name, dropToken: bearerToken(request) });
        if (!grant.ok) reply.header('connection', 'close');
        valueOrThrow(grant);
        return payload;
      },
      schema: { params: NameParams, body: DropRequest, response: { 202: AcceptedResponse } },
    },
    async (request, reply) => {
      checkEnvelopeEncoding(request.body.envelope);
      const accepted = valueOrThrow(
        await ctx.useCases.dropMessage.execute({
          name: request.params.name,
          dropToken: bearerToken(request),
          envelope: JSON.stringify(request.body.envelope),
        }),
      );
      return reply.code(202).send(accepted);
    },
  );
};

/**
 * `POST /users/{name}/objects` (PROTOCOL §9.2): a file chunk for a friend, as raw bytes, so in a
 * scope of its own that parses nothing else. Only with a drop token of the recipient.
 */
export const droppedObjectRoutes = async (app: FastifyInstance, ctx: RouteContext): Promise<void> => {
  const bodies = acceptOnlyRawObjects(app, ctx);
  const tokenlessLimit = ctx.rateLimiter('openInboxDropPerClient', byClientAddress);
  app.post<{ Params: NameParams }>(
    '/users/:name/objects',
    {
      bodyLimit: ctx.bodyLimits.object,
      // As for message drops: a friend's token is limited by its quota, requests without one per address.
      onRequest: async function limitTokenless(request, reply) {
        if (bearerToken(request) === null) await tokenlessLimit.call(this, request, reply);
      },
      // Chunks are large: anyone without a drop token of this recipient is refused before the body is read.
      preParsing: async (request, reply, payload) => {
        const grant = await ctx.useCases.authorizeDrop.execute({ name: request.params.name, dropToken: bearerToken(request), tokenOnly: true });
        if (!grant.ok) reply.header('connection', 'close');
        valueOrThrow(grant);
        return payload;
      },
      schema: {
        params: NameParams,
        consumes: [OBJECT_CONTENT_TYPE],
        // Documents the raw body for OpenAPI; no type, so the validator lets the parser's Buffer through.
        body: { description: 'One encrypted file chunk, byte for byte (at most objectBytes).' },
        response: { 202: DroppedObjectResponse },
      },
    },
    async (request, reply) => {
      const dropped = valueOrThrow(
        await bodies.lend(rawBody(request), (data) => ctx.useCases.dropObject.execute({ name: request.params.name, dropToken: bearerToken(request), data })),
      );
      return reply.code(202).send(dropped);
    },
  );
};
