import fc from 'fast-check';
import { validB64u, validName, validPublicKey } from './fuzz-inputs';

export type Auth = 'session' | 'fresh-session' | 'drop-token' | 'none';

/** Values only known when the case runs: a freshly solved captcha, the blob's current version. */
export const LIVE = { captchaId: '$captcha-id', captchaAnswer: '$captcha-answer', blobVersion: '$blob-version' } as const;

/** One route of PROTOCOL §5, with what a well-formed request to it looks like. */
export interface FuzzRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** With `{name}` / `{id}` where path parameters go. */
  readonly path: string;
  readonly auth: Auth;
  /** A well-formed body; undefined for routes without one. */
  readonly body?: fc.Arbitrary<unknown>;
  readonly nameParam?: fc.Arbitrary<string>;
  readonly idParam?: fc.Arbitrary<string>;
  readonly query?: fc.Arbitrary<string>;
  readonly ifMatch?: boolean;
  /** Raw (not JSON) bodies of this content type, e.g. store objects; instead of `body`. */
  readonly raw?: { readonly contentType: string; readonly body: fc.Arbitrary<string> };
  /** A successful request never ends (`/inbox/events`): only ever sent with credentials that fail. */
  readonly endless?: boolean;
}

const kdf = fc.record({
  algorithm: fc.constant('argon2id'),
  salt: validB64u(16),
  memoryKiB: fc.oneof(fc.constant(65536), fc.integer({ min: 1, max: 2 ** 32 - 1 })),
  iterations: fc.oneof(fc.constant(3), fc.integer({ min: 1, max: 2 ** 32 - 1 })),
  parallelism: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 2 ** 32 - 1 })),
});

const sealedEnvelope = fc.record({ v: fc.constant(1), epk: validPublicKey, nonce: validB64u(12), ct: fc.integer({ min: 16, max: 600 }).chain((n) => validB64u(n)) });
const messageEnvelope = fc.record({ v: fc.constant(1), nonce: validB64u(12), ct: fc.integer({ min: 16, max: 600 }).chain((n) => validB64u(n)) });

/** Names the server knows (the fuzzing owner and a peer) and names it does not. */
const someName = (known: readonly string[]) => fc.oneof(fc.constantFrom(...known), validName);
const someId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
/** Mostly well-formed object ids (22 characters), some of them the same few so objects are found again. */
const someObjectId = fc.oneof(fc.constantFrom('fuzz-object-0000000001', 'fuzz-object-0000000002', 'fuzz-object-0000000003'), fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), someId);
const objectIds = fc.array(fc.oneof(fc.constantFrom('fuzz-object-0000000002', 'fuzz-object-0000000003'), fc.stringMatching(/^[A-Za-z0-9_-]{22}$/)), { maxLength: 4 });

export const fuzzRoutes = (known: { owner: string; peer: string }): FuzzRoute[] => {
  const names = [known.owner, known.peer];
  return [
    { method: 'GET', path: '/accounts/{name}/kdf', auth: 'none', nameParam: someName(names) },
    {
      method: 'POST',
      path: '/accounts',
      auth: 'none',
      body: fc.record({
        name: someName(names),
        authKey: validB64u(32),
        kdf,
        identityKey: validPublicKey,
        blob: fc.record({ ciphertext: fc.integer({ min: 0, max: 200 }).chain((n) => validB64u(n)) }),
      }),
    },
    { method: 'POST', path: '/sessions', auth: 'none', body: fc.record({ name: someName(names), authKey: validB64u(32) }) },
    { method: 'DELETE', path: '/sessions/current', auth: 'fresh-session' },
    { method: 'GET', path: '/blob', auth: 'session' },
    {
      method: 'PUT',
      path: '/blob',
      auth: 'session',
      ifMatch: true,
      body: fc.record(
        {
          ciphertext: fc.integer({ min: 0, max: 300 }).chain((n) => validB64u(n)),
          objects: fc.record({ commit: objectIds, release: objectIds, claim: objectIds }, { requiredKeys: [] }),
        },
        { requiredKeys: ['ciphertext'] },
      ),
    },
    {
      method: 'PUT',
      path: '/store/objects/{id}',
      auth: 'session',
      idParam: someObjectId,
      raw: { contentType: 'application/octet-stream', body: fc.string({ maxLength: 3000 }) },
    },
    { method: 'GET', path: '/store/objects/{id}', auth: 'session', idParam: someObjectId },
    { method: 'DELETE', path: '/store/objects/{id}', auth: 'session', idParam: someObjectId },
    {
      method: 'GET',
      path: '/store/objects',
      auth: 'session',
      query: fc.oneof(
        fc.constant(''),
        fc.constantFrom('state=staged', 'state=committed', 'limit=1', 'limit=1000'),
        fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), fc.integer({ min: 1, max: 1000 })).map(([after, limit]) => `after=${after}&limit=${limit}`),
      ),
    },
    { method: 'PATCH', path: '/account', auth: 'session', body: fc.record({ openInbox: fc.boolean() }) },
    {
      method: 'PUT',
      path: '/account/credentials',
      auth: 'session',
      // A random current key: the fuzzing owner keeps its credentials (403 forbidden).
      body: fc.record({
        currentAuthKey: validB64u(32),
        authKey: validB64u(32),
        kdf,
        blob: fc.record({ version: fc.oneof(fc.constant(LIVE.blobVersion), fc.integer({ min: 1, max: 2 ** 31 })), ciphertext: validB64u(60) }),
      }),
    },
    { method: 'DELETE', path: '/account', auth: 'session', body: fc.record({ authKey: validB64u(32) }) },
    { method: 'POST', path: '/drop-tokens', auth: 'session', body: fc.constant({}) },
    { method: 'GET', path: '/drop-tokens', auth: 'session' },
    { method: 'DELETE', path: '/drop-tokens/{id}', auth: 'session', idParam: someId },
    { method: 'GET', path: '/users/{name}/profile', auth: 'none', nameParam: someName(names) },
    { method: 'GET', path: '/users/{name}/captcha', auth: 'none', nameParam: someName(names) },
    {
      method: 'POST',
      path: '/users/{name}/friend-requests',
      auth: 'none',
      nameParam: fc.constant(known.owner),
      body: fc.record({
        captcha: fc.record({ id: fc.oneof(fc.constant(LIVE.captchaId), someId), answer: fc.oneof(fc.constant(LIVE.captchaAnswer), fc.nat().map(String), fc.nat()) }),
        envelope: sealedEnvelope,
      }),
    },
    {
      method: 'POST',
      path: '/users/{name}/drops',
      auth: 'drop-token',
      nameParam: fc.constant(known.owner),
      body: fc.record({ envelope: fc.oneof(sealedEnvelope, messageEnvelope) }),
    },
    {
      method: 'POST',
      path: '/users/{name}/objects',
      auth: 'drop-token',
      nameParam: someName(names),
      raw: { contentType: 'application/octet-stream', body: fc.string({ maxLength: 3000 }) },
    },
    {
      method: 'GET',
      path: '/inbox',
      auth: 'session',
      query: fc.oneof(
        fc.constant(''),
        fc.integer({ min: 1, max: 500 }).map((limit) => `limit=${limit}`),
        fc.tuple(fc.nat({ max: 100000 }), fc.integer({ min: 1, max: 500 })).map(([after, limit]) => `after=${after}&limit=${limit}`),
      ),
    },
    {
      method: 'POST',
      path: '/inbox/ack',
      auth: 'session',
      body: fc.record({ ids: fc.array(someId, { maxLength: 20 }), objects: objectIds }, { requiredKeys: ['ids'] }),
    },
    { method: 'GET', path: '/inbox/events', auth: 'session', endless: true },
  ];
};
