import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { Envelope } from './envelope';
import { Id, Nullable, Timestamp, WIRE_CEILINGS } from './primitives';
import { MAX_OBJECT_IDS, ObjectId } from './store-objects';

/** An opaque position in the inbox's arrival order. */
export const Cursor = Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 64 });
export type Cursor = Static<typeof Cursor>;

/**
 * `GET /inbox?after=<cursor>&limit=<n>`. Query values are text: the server does not coerce types
 * anywhere, so `limit` is a decimal string here (1 … WIRE_CEILINGS.inboxPageItems).
 */
export const InboxQuery = Type.Object(
  {
    after: Type.Optional(Cursor),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxItemBody = Type.Object(
  {
    id: Id,
    kind: Type.Union([Type.Literal('friend-request'), Type.Literal('drop')]),
    tokenId: Nullable(Id),
    receivedAt: Timestamp,
    envelope: Envelope,
  },
  { additionalProperties: false },
);
export type InboxItemBody = Static<typeof InboxItemBody>;

/** Items in arrival order; `next` is the cursor for more, null when there is nothing more. */
export const InboxPage = Type.Object(
  { items: Type.Array(InboxItemBody), next: Nullable(Cursor) },
  { additionalProperties: false },
);
export type InboxPage = Static<typeof InboxPage>;

/** `POST /inbox/ack`; `objects`: dropped objects the client will not claim, deleted with the items (§9.2). */
export const AckRequest = Type.Object(
  {
    ids: Type.Array(Id, { maxItems: WIRE_CEILINGS.ackIds }),
    objects: Type.Optional(Type.Array(ObjectId, { maxItems: MAX_OBJECT_IDS })),
  },
  { additionalProperties: false },
);
export type AckRequest = Static<typeof AckRequest>;

export const AckResponse = Type.Object({ deleted: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type AckResponse = Static<typeof AckResponse>;

/** Name of the server-sent event emitted on `GET /inbox/events` whenever an item arrives. */
export const INBOX_EVENT = 'inbox';

/**
 * Name of the server-sent event emitted to an account's other sessions whenever its blob gets a
 * new version; `data` is `{"version":N}` and nothing else.
 */
export const BLOB_EVENT = 'blob';
