import fc from 'fast-check';
import { bruteForcePowCaptcha } from '../../support/brute-force-pow-captcha';
import { API, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';
import { WriteJournal } from '../support/intercepted-storage';
import { judgeResponse } from '../support/problem-contract';
import { storageState } from '../support/storage-state';
import {
  CONTENT_TYPES,
  garbageAuthorization,
  garbageIfMatch,
  garbageQuery,
  garbageSegment,
  mutatedBody,
  rawBody,
} from './fuzz-inputs';
import { FuzzRoute, fuzzRoutes, LIVE } from './fuzz-routes';

/** Cases per route; FUZZ_RUNS=2000 for a long run. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 400);

type AuthChoice =
  | { readonly kind: 'valid' }
  | { readonly kind: 'none' }
  | { readonly kind: 'other-user' }
  | { readonly kind: 'wrong-kind' }
  | { readonly kind: 'header'; readonly value: string };

type BodyChoice = { readonly kind: 'none' } | { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'raw'; readonly text: string };

interface FuzzCase {
  readonly variant: string;
  readonly method: string;
  readonly name?: string;
  readonly id?: string;
  readonly query?: string;
  readonly auth: AuthChoice;
  readonly contentType?: string;
  readonly ifMatch?: string | 'live' | null;
  readonly body: BodyChoice;
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'SEARCH', 'PROPFIND'];

const optional = <T>(arbitrary: fc.Arbitrary<T> | undefined): fc.Arbitrary<T | undefined> => arbitrary ?? fc.constant(undefined);

/** Well-formed requests and, mostly, requests broken in exactly one way. */
const fuzzCase = (route: FuzzRoute, knownTokens: readonly string[]): fc.Arbitrary<FuzzCase> =>
  fc
    .record({
      name: optional(route.nameParam),
      id: optional(route.idParam),
      query: optional(route.query),
      body: optional(route.body),
      raw: optional(route.raw?.body),
    })
    .chain((valid) => {
      const base: FuzzCase = {
        variant: 'well-formed',
        method: route.method,
        ...(valid.name === undefined ? {} : { name: valid.name }),
        ...(valid.id === undefined ? {} : { id: valid.id }),
        ...(valid.query === undefined ? {} : { query: valid.query }),
        auth: { kind: 'valid' },
        ...(route.ifMatch ? { ifMatch: 'live' as const } : {}),
        body:
          valid.raw !== undefined
            ? { kind: 'raw', text: valid.raw }
            : valid.body === undefined
              ? { kind: 'none' }
              : { kind: 'json', value: valid.body },
        ...(route.raw ? { contentType: route.raw.contentType } : {}),
      };
      const variants: Array<fc.Arbitrary<FuzzCase>> = [
        fc.constant(base),
        fc.constantFrom(...OTHER_METHODS.filter((method) => method !== route.method)).map((method) => ({ ...base, variant: 'wrong method', method })),
        fc
          .oneof(
            fc.constant<AuthChoice>({ kind: 'none' }),
            fc.constant<AuthChoice>({ kind: 'other-user' }),
            fc.constant<AuthChoice>({ kind: 'wrong-kind' }),
            garbageAuthorization(knownTokens).map((value): AuthChoice => ({ kind: 'header', value })),
          )
          .map((auth) => ({ ...base, variant: `auth ${auth.kind}`, auth })),
      ];
      if (valid.body !== undefined) {
        const json = JSON.stringify(valid.body);
        variants.push(
          mutatedBody(valid.body).map(({ mutation, body }) => ({ ...base, variant: mutation, body: { kind: 'json', value: body } })),
          rawBody(json).map(({ mutation, text }) => ({ ...base, variant: mutation, body: { kind: 'raw', text } })),
          fc.constantFrom(...CONTENT_TYPES).map((contentType) => ({ ...base, variant: `content type ${contentType}`, contentType })),
          fc.constant({ ...base, variant: 'no body', body: { kind: 'none' } as const }),
        );
      } else if (route.raw !== undefined) {
        variants.push(
          fc.constantFrom(...CONTENT_TYPES).map((contentType) => ({ ...base, variant: `content type ${contentType}`, contentType })),
          fc.constant({ ...base, variant: 'no body', body: { kind: 'none' } as const }),
          fc.jsonValue({ maxDepth: 2 }).map((value) => ({ ...base, variant: 'JSON body', contentType: 'application/json', body: { kind: 'json', value } as const })),
        );
      } else {
        variants.push(fc.jsonValue({ maxDepth: 2 }).map((value) => ({ ...base, variant: 'unexpected body', body: { kind: 'json', value } as const })));
      }
      if (route.nameParam) variants.push(garbageSegment.map((name) => ({ ...base, variant: `name segment ${name.slice(0, 40)}`, name })));
      if (route.idParam) variants.push(garbageSegment.map((id) => ({ ...base, variant: `id segment ${id.slice(0, 40)}`, id })));
      if (route.query) variants.push(garbageQuery.map((query) => ({ ...base, variant: `query ${query.slice(0, 60)}`, query })));
      if (route.ifMatch) {
        variants.push(fc.oneof(fc.constant(null), garbageIfMatch).map((ifMatch) => ({ ...base, variant: `If-Match ${String(ifMatch)}`, ifMatch })));
      }
      return fc.oneof(...variants);
    });

describe('fuzzing every endpoint of PROTOCOL §5 and §8', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  let owner: SignedUp;
  let peer: SignedUp;
  let dropToken: { id: string; token: string };
  const journal = new WriteJournal();
  let casesRun = 0;
  const statusesSeen = new Map<number, number>();

  beforeAll(async () => {
    // Small size limits so huge strings reach the body limits quickly.
    server = await startHardeningServer({ afterStorageCall: journal.record, config: { blobBytes: 4096, envelopeBytes: 2048 } });
    client = new HttpTestClient(server.app);
    owner = await client.signUp('fuzz-owner');
    peer = await client.signUp('fuzz-peer');
    dropToken = await client.issueDropToken(owner);
  });
  afterAll(async () => {
    await server.close();
    const statuses = [...statusesSeen.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    process.stdout.write(`endpoint fuzz: ${casesRun} cases, statuses ${statuses.join(' ')}\n`);
  });

  const authorizationFor = async (route: FuzzRoute, auth: AuthChoice): Promise<string | undefined> => {
    const own = route.auth === 'drop-token' ? dropToken.token : owner.token;
    switch (auth.kind) {
      case 'none':
        return undefined;
      case 'header':
        return auth.value;
      case 'wrong-kind':
        return `Bearer ${route.auth === 'drop-token' ? owner.token : dropToken.token}`;
      case 'other-user':
        // A live session of someone else must not open a stream that never ends, nor log the peer out for good.
        if (route.endless) return undefined;
        if (route.auth === 'fresh-session') return `Bearer ${(await client.login(peer.name, peer.authKey)).json<{ token: string }>().token}`;
        return `Bearer ${peer.token}`;
      case 'valid':
        if (route.endless || route.auth === 'none') return undefined;
        if (route.auth === 'fresh-session') return `Bearer ${(await client.login(owner.name, owner.authKey)).json<{ token: string }>().token}`;
        return `Bearer ${own}`;
    }
  };

  /** Fills in what only the running server knows: a freshly solved captcha, the current blob version. */
  const withLiveValues = async (text: string): Promise<string> => {
    let filled = text;
    if (filled.includes(LIVE.captchaId) || filled.includes(LIVE.captchaAnswer)) {
      const captcha = (await client.request('GET', `${API}/users/${owner.name}/captcha`)).json<Parameters<typeof bruteForcePowCaptcha>[0] & { id: string }>();
      filled = filled.replaceAll(LIVE.captchaId, captcha.id).replaceAll(LIVE.captchaAnswer, String(bruteForcePowCaptcha(captcha)));
    }
    if (filled.includes(`"${LIVE.blobVersion}"`)) {
      filled = filled.replaceAll(`"${LIVE.blobVersion}"`, String((await server.storage.blobs.find(owner.name))?.version ?? 1));
    }
    return filled;
  };

  /** Everything the request needs, prepared before the state is recorded (a fresh login writes a session). */
  const prepare = async (route: FuzzRoute, fuzz: FuzzCase) => {
    const path = route.path.replace('{name}', fuzz.name ?? '').replace('{id}', fuzz.id ?? '');
    const url = `${API}${path}${fuzz.query === undefined ? '' : `?${fuzz.query}`}`;
    const headers: Record<string, string> = {};
    const authorization = await authorizationFor(route, fuzz.auth);
    if (authorization !== undefined) headers.authorization = authorization;
    if (fuzz.ifMatch === 'live') headers['if-match'] = `"${(await server.storage.blobs.find(owner.name))?.version ?? 1}"`;
    else if (typeof fuzz.ifMatch === 'string') headers['if-match'] = fuzz.ifMatch;
    let payload: string | undefined;
    if (fuzz.body.kind === 'json') payload = await withLiveValues(JSON.stringify(fuzz.body.value));
    if (fuzz.body.kind === 'raw') payload = fuzz.body.text;
    if (payload !== undefined) headers['content-type'] = fuzz.contentType ?? 'application/json';
    else if (fuzz.contentType !== undefined) headers['content-type'] = fuzz.contentType;
    return { method: fuzz.method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) };
  };

  it.each(fuzzRoutes({ owner: 'fuzz-owner', peer: 'fuzz-peer' }).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: never a 5xx, always a documented problem, no state change when rejected',
    async (_label, route) => {
      await fc.assert(
        fc.asyncProperty(fuzzCase(route, [owner.token, peer.token, dropToken.token]), async (fuzz) => {
          casesRun += 1;
          const request = await prepare(route, fuzz);
          journal.take();
          const before = await storageState(server.storage);
          const response = await server.app.inject(request);
          statusesSeen.set(response.statusCode, (statusesSeen.get(response.statusCode) ?? 0) + 1);
          const verdict = judgeResponse(response, fuzz.method);
          if (!verdict.ok) throw new Error(`${fuzz.method} ${route.path} [${fuzz.variant}]: ${verdict.why}`);
          if (response.statusCode < 400) return;
          const writes = journal.take();
          if (writes.length > 0) throw new Error(`[${fuzz.variant}] rejected with ${response.statusCode} but wrote ${writes.join(', ')}`);
          expect(await storageState(server.storage)).toEqual(before);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
  );
});
