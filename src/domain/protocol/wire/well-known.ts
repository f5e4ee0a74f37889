import { Static } from '@sinclair/typebox';
import { Type } from './type';

/** What this server speaks: version 2 adds the user store and files (PROTOCOL §8–§10) to version 1. */
export const PROTOCOL_ID = 'starbase/2';
/** Every protocol a client may meet: a version 1 server, or a version 2 one (which also serves version 1 clients). */
export const KNOWN_PROTOCOLS = ['starbase/1', 'starbase/2'] as const;
export const API_PREFIX = '/api/v1';
export const WELL_KNOWN_PATH = '/.well-known/starbase';
/**
 * Sent by a home server with the web app it serves (its value: WELL_KNOWN_PATH): the app asks that path only then, as a
 * plain static host answers it 404, which the browser logs as an error on every load.
 */
export const DISCOVERY_HEADER = 'starbase-discovery';

export const RegistrationMode = Type.Union([Type.Literal('open'), Type.Literal('invite'), Type.Literal('closed')]);
export type RegistrationMode = Static<typeof RegistrationMode>;

export const CaptchaKindBody = Type.Union([Type.Literal('image'), Type.Literal('pow')]);
export type CaptchaKindBody = Static<typeof CaptchaKindBody>;

/** `GET /.well-known/starbase` */
export const WellKnownBody = Type.Object(
  {
    protocol: Type.Union(KNOWN_PROTOCOLS.map((id) => Type.Literal(id))),
    api: Type.Literal(API_PREFIX),
    registration: RegistrationMode,
    captcha: CaptchaKindBody,
    limits: Type.Object(
      {
        blobBytes: Type.Integer({ minimum: 1 }),
        envelopeBytes: Type.Integer({ minimum: 1 }),
        inboxItems: Type.Integer({ minimum: 1 }),
        /** Version 2 only (absent from a version 1 server). */
        objectBytes: Type.Optional(Type.Integer({ minimum: 1 })),
        storeBytes: Type.Optional(Type.Integer({ minimum: 1 })),
        fileBytes: Type.Optional(Type.Integer({ minimum: 1 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type WellKnownBody = Static<typeof WellKnownBody>;
