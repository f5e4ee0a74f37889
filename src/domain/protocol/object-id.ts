import { isCanonicalB64u } from './encoding/b64u';

/** PROTOCOL §8.1: an object id is 16 random bytes as b64u (22 characters), in its one spelling. */
export const OBJECT_ID_BYTES = 16;

export const isObjectId = (value: unknown): value is string => typeof value === 'string' && isCanonicalB64u(value, OBJECT_ID_BYTES);
