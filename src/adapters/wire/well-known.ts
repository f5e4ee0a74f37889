import { Static } from '@sinclair/typebox';
import { Type } from './type';

export const PROTOCOL_ID = 'starbase/1';
export const API_PREFIX = '/api/v1';
export const WELL_KNOWN_PATH = '/.well-known/starbase';

export const RegistrationMode = Type.Union([Type.Literal('open'), Type.Literal('invite'), Type.Literal('closed')]);
export type RegistrationMode = Static<typeof RegistrationMode>;

export const CaptchaKindBody = Type.Union([Type.Literal('image'), Type.Literal('pow')]);
export type CaptchaKindBody = Static<typeof CaptchaKindBody>;

/** `GET /.well-known/starbase` */
export const WellKnownBody = Type.Object(
  {
    protocol: Type.Literal(PROTOCOL_ID),
    api: Type.Literal(API_PREFIX),
    registration: RegistrationMode,
    captcha: CaptchaKindBody,
    limits: Type.Object(
      {
        blobBytes: Type.Integer({ minimum: 1 }),
        envelopeBytes: Type.Integer({ minimum: 1 }),
        inboxItems: Type.Integer({ minimum: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type WellKnownBody = Static<typeof WellKnownBody>;
