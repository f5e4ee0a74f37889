import { Static } from '@sinclair/typebox';
import { Type } from './type';
import { Nullable, Timestamp } from './primitives';

/** PROTOCOL §8.1: 16 random bytes as b64u, chosen by the client (or, for dropped objects, the server). */
export const ObjectId = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$', minLength: 22, maxLength: 22 });
export type ObjectId = Static<typeof ObjectId>;

export const OBJECT_CONTENT_TYPE = 'application/octet-stream';

/** `Cache-Control` of an object read: its bytes never change under its id. */
export const OBJECT_CACHE_CONTROL = 'private, max-age=31536000, immutable';

/** Most ids in one list of a head write's `objects` (§8.2). */
export const MAX_OBJECT_IDS = 1000;

export const ObjectIdParams = Type.Object({ id: ObjectId }, { additionalProperties: false });
export type ObjectIdParams = Static<typeof ObjectIdParams>;

/** `PUT /store/objects/{id}`: 201 when staged, 200 for a retry with the same bytes. */
export const StoredObjectResponse = Type.Object(
  { id: ObjectId, bytes: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type StoredObjectResponse = Static<typeof StoredObjectResponse>;

/** `POST /users/{name}/objects` (§9.2): 202 with the id the recipient's server chose. */
export const DroppedObjectResponse = Type.Object({ id: ObjectId }, { additionalProperties: false });
export type DroppedObjectResponse = Static<typeof DroppedObjectResponse>;

export const StoreObjectState = Type.Union([Type.Literal('staged'), Type.Literal('committed')]);

/** `GET /store/objects?state=&after=&limit=`; `limit` is a decimal string (1 … 1000), as in `GET /inbox`. */
export const StoreObjectQuery = Type.Object(
  {
    state: Type.Optional(StoreObjectState),
    after: Type.Optional(ObjectId),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$|^1000$' })),
  },
  { additionalProperties: false },
);
export type StoreObjectQuery = Static<typeof StoreObjectQuery>;

export const StoreObjectItem = Type.Object(
  { id: ObjectId, bytes: Type.Integer({ minimum: 0 }), createdAt: Timestamp, state: StoreObjectState },
  { additionalProperties: false },
);
export type StoreObjectItem = Static<typeof StoreObjectItem>;

/** Ascending by id; `next` is the `after` for more, null when there is nothing more. */
export const StoreObjectList = Type.Object(
  { items: Type.Array(StoreObjectItem), next: Nullable(ObjectId) },
  { additionalProperties: false },
);
export type StoreObjectList = Static<typeof StoreObjectList>;

const ObjectIdList = Type.Array(ObjectId, { maxItems: MAX_OBJECT_IDS });

/** `PUT /blob`'s `objects` member (§8.2); a list left out is empty. */
export const ObjectChangesBody = Type.Object(
  { commit: Type.Optional(ObjectIdList), release: Type.Optional(ObjectIdList), claim: Type.Optional(ObjectIdList) },
  { additionalProperties: false },
);
export type ObjectChangesBody = Static<typeof ObjectChangesBody>;
