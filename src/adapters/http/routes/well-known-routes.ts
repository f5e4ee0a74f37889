import { FastifyInstance } from 'fastify';
import { API_PREFIX, PROTOCOL_ID, WELL_KNOWN_PATH, WellKnownBody } from '../../../domain/protocol/wire/well-known';
import { RouteContext } from '../route-context';

/** Discovery (PROTOCOL §2): what a client needs before its first call. */
export const wellKnownRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  const { policy } = ctx.settings;
  const body: WellKnownBody = {
    protocol: PROTOCOL_ID,
    api: API_PREFIX,
    registration: policy.registration,
    captcha: policy.captchaKind,
    limits: {
      blobBytes: policy.blobBytes,
      envelopeBytes: policy.envelopeBytes,
      inboxItems: policy.quotas.maxItems,
      objectBytes: policy.store.objectBytes,
      storeBytes: policy.store.storeBytes,
      fileBytes: policy.fileBytes,
    },
  };
  app.get(WELL_KNOWN_PATH, { schema: { response: { 200: WellKnownBody } } }, async () => body);
};
