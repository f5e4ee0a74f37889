import { Static, TSchema } from '@sinclair/typebox';
import { Check } from '@sinclair/typebox/value';
import {
  CallOptions,
  GatewayResult,
  HomeServerGateway,
  HomeServerGatewayFactory,
  InboxEventStream,
  InboxPageOptions,
  ObjectListOptions,
  WriteBlobInput,
} from '../../application/ports/home-server-gateway';
import { KdfParams } from '../../domain/protocol/account-rules';
import { err, ok } from '../../domain/protocol/result';
import * as wire from '../../domain/protocol/wire';
import { badResponse } from './gateway-errors';
import { GatewayOptions, ResolvedGatewayOptions, resolveGatewayOptions } from './gateway-options';
import { ExchangeRequest, HttpExchange } from './http-exchange';
import { openInboxEventStream } from './inbox-event-stream';
import { baseUrlForAuthority } from './server-base-url';

const segment = encodeURIComponent;

/**
 * Success bodies of every call but the blob and inbox reads are small documents: a cap near their
 * real size keeps a hostile server from making the client read (and wait for) megabytes.
 */
const SMALL_ANSWER_BYTES = 64 * 1024;
/** An image captcha is a data: URL of at most 1 MiB (wire ImageCaptchaBody). */
const CAPTCHA_ANSWER_BYTES = 1024 * 1024 + 4096;
/** A drop token list is one small entry per token. */
const TOKEN_LIST_ANSWER_BYTES = 4 * 1024 * 1024;
/** An object listing holds at most 1000 entries of about 100 bytes. */
const OBJECT_LIST_ANSWER_BYTES = 256 * 1024;

/** Makes one FetchHomeServerGateway per server, all sharing the same options. */
export class FetchHomeServerGatewayFactory implements HomeServerGatewayFactory {
  private readonly options: ResolvedGatewayOptions;

  constructor(options: GatewayOptions = {}) {
    this.options = resolveGatewayOptions(options);
  }

  forServer(authority: string): HomeServerGateway {
    return new FetchHomeServerGateway(authority, this.options);
  }
}

/**
 * PROTOCOL §5 over fetch. Runs unchanged in browsers and Node (fetch, AbortController,
 * TextDecoder, ReadableStream only). Reads (GET) and idempotent writes (ack, DELETE of a session
 * or drop token) are retried on network errors, 502/503/504 and 429; nothing else is, since a
 * repeated POST could register, send or drop twice.
 */
export class FetchHomeServerGateway implements HomeServerGateway {
  readonly baseUrl: string;
  private readonly apiUrl: string;
  private readonly exchange: HttpExchange;
  private readonly options: ResolvedGatewayOptions;
  /** The largest object this server stores: from its last discovery, else the largest any server may set. */
  private objectBytes: number = wire.WIRE_CEILINGS.objectBytes;

  constructor(
    readonly authority: string,
    options: GatewayOptions | ResolvedGatewayOptions = {},
  ) {
    this.options = resolveGatewayOptions(options);
    this.baseUrl = baseUrlForAuthority(authority, this.options.allowHttp);
    this.apiUrl = this.baseUrl + wire.API_PREFIX;
    this.exchange = new HttpExchange(this.baseUrl, this.options);
  }

  async discover(): GatewayResult<wire.WellKnownBody> {
    const found = await this.call(
      { method: 'GET', path: wire.WELL_KNOWN_PATH, retryable: true, maxResponseBytes: Math.min(SMALL_ANSWER_BYTES, this.options.maxResponseBytes) },
      wire.WellKnownBody,
    );
    const objectBytes = found.ok ? found.value.limits.objectBytes : undefined;
    if (objectBytes !== undefined) this.objectBytes = Math.min(objectBytes, wire.WIRE_CEILINGS.objectBytes);
    return found;
  }

  getKdfParams(name: string): GatewayResult<KdfParams> {
    return this.call(this.api('GET', `/accounts/${segment(name)}/kdf`), wire.KdfParamsBody);
  }

  register(request: wire.RegisterRequest): GatewayResult<wire.RegisterResponse> {
    return this.call(this.api('POST', '/accounts', { body: request }), wire.RegisterResponse);
  }

  openSession(request: wire.OpenSessionRequest): GatewayResult<wire.OpenSessionResponse> {
    return this.call(this.api('POST', '/sessions', { body: request }), wire.OpenSessionResponse);
  }

  closeSession(session: string, options: CallOptions = {}): GatewayResult<void> {
    return this.callWithoutAnswer(this.api('DELETE', '/sessions/current', { bearer: session, retryable: true, ...signalOf(options) }));
  }

  async readBlob(session: string): GatewayResult<wire.BlobResponse> {
    const outcome = await this.exchange.send(this.api('GET', '/blob', { bearer: session, maxResponseBytes: this.options.maxResponseBytes }));
    if (!outcome.ok) return outcome;
    const { body, headers, status } = outcome.value;
    if (!matchesWire(wire.BlobResponse, body)) return err(notProtocol(status));
    const etag = headers.get('etag');
    // The ETag may be hidden (a browser without Access-Control-Expose-Headers); when seen, it must agree.
    if (etag !== null && wire.parseBlobEntityTag(etag.replace(/^\s*W\//, '')) !== body.version) {
      return err(badResponse(status, 'the blob ETag disagrees with its version'));
    }
    return ok(body);
  }

  async writeBlob(session: string, input: WriteBlobInput): GatewayResult<wire.WriteBlobResponse> {
    if (!Number.isSafeInteger(input.expectedVersion) || input.expectedVersion < 1) {
      throw new RangeError(`expectedVersion must be a positive integer, got ${input.expectedVersion}`);
    }
    const written = await this.call(
      this.api('PUT', '/blob', {
        bearer: session,
        body: { ciphertext: input.ciphertext, ...(input.objects ? { objects: input.objects } : {}) },
        headers: { 'if-match': wire.blobEntityTag(input.expectedVersion) },
      }),
      wire.WriteBlobResponse,
    );
    if (written.ok && written.value.version !== input.expectedVersion + 1) {
      return err(badResponse(200, `blob written as version ${written.value.version}, expected ${input.expectedVersion + 1}`));
    }
    return written;
  }

  async putObject(session: string, id: string, bytes: Uint8Array): GatewayResult<wire.StoredObjectResponse> {
    const stored = await this.call(
      this.api('PUT', `/store/objects/${segment(id)}`, { bearer: session, bytes: ownBuffer(bytes), retryable: true }),
      wire.StoredObjectResponse,
    );
    if (stored.ok && (stored.value.id !== id || stored.value.bytes !== bytes.byteLength)) {
      return err(badResponse(null, `the server stored ${stored.value.bytes} bytes as ${stored.value.id}, not ${bytes.byteLength} as ${id}`));
    }
    return stored;
  }

  async getObject(session: string, id: string): GatewayResult<Uint8Array> {
    const outcome = await this.exchange.sendForBytes(
      this.api('GET', `/store/objects/${segment(id)}`, {
        bearer: session,
        headers: { accept: wire.OBJECT_CONTENT_TYPE },
        maxResponseBytes: Math.min(this.objectBytes, this.options.maxResponseBytes),
      }),
    );
    if (!outcome.ok) return outcome;
    const { bytes, headers, status } = outcome.value;
    const contentType = headers.get('content-type');
    if (contentType !== null && !contentType.trim().toLowerCase().startsWith(wire.OBJECT_CONTENT_TYPE)) {
      return err(badResponse(status, `an object must come as ${wire.OBJECT_CONTENT_TYPE}, not ${contentType.slice(0, 60)}`));
    }
    // Like the blob's, the ETag may be hidden from a browser; when seen, it must name this object.
    const etag = headers.get('etag');
    if (etag !== null && etag.replace(/^\s*W\//, '').trim() !== `"${id}"`) return err(badResponse(status, 'the object ETag names another object'));
    return ok(bytes);
  }

  listObjects(session: string, query: ObjectListOptions = {}): GatewayResult<wire.StoreObjectList> {
    const params = new URLSearchParams();
    if (query.state !== undefined) params.set('state', query.state);
    if (query.after !== undefined) params.set('after', query.after);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.toString() === '' ? '' : `?${params.toString()}`;
    return this.call(
      this.api('GET', `/store/objects${search}`, { bearer: session, maxResponseBytes: OBJECT_LIST_ANSWER_BYTES }),
      wire.StoreObjectList,
    );
  }

  deleteObject(session: string, id: string): GatewayResult<void> {
    return this.callWithoutAnswer(this.api('DELETE', `/store/objects/${segment(id)}`, { bearer: session, retryable: true }));
  }

  updateAccount(session: string, request: wire.PatchAccountRequest): GatewayResult<wire.AccountViewBody> {
    return this.call(this.api('PATCH', '/account', { bearer: session, body: request }), wire.AccountViewBody);
  }

  changeCredentials(session: string, request: wire.ChangeCredentialsRequest): GatewayResult<wire.ChangeCredentialsResponse> {
    return this.call(
      this.api('PUT', '/account/credentials', { bearer: session, body: request }),
      wire.ChangeCredentialsResponse,
    );
  }

  deleteAccount(session: string, request: wire.DeleteAccountRequest): GatewayResult<void> {
    return this.callWithoutAnswer(this.api('DELETE', '/account', { bearer: session, body: request }));
  }

  createDropToken(session: string): GatewayResult<wire.CreateDropTokenResponse> {
    return this.call(this.api('POST', '/drop-tokens', { bearer: session, body: {} }), wire.CreateDropTokenResponse);
  }

  listDropTokens(session: string): GatewayResult<readonly wire.DropTokenBody[]> {
    return this.call(this.api('GET', '/drop-tokens', { bearer: session, maxResponseBytes: TOKEN_LIST_ANSWER_BYTES }), wire.DropTokenList);
  }

  revokeDropToken(session: string, tokenId: string): GatewayResult<void> {
    return this.callWithoutAnswer(
      this.api('DELETE', `/drop-tokens/${segment(tokenId)}`, { bearer: session, retryable: true }),
    );
  }

  getProfile(name: string, options: CallOptions & { readonly singleAttempt?: boolean } = {}): GatewayResult<wire.ProfileBody> {
    const retryable = options.singleAttempt !== true;
    return this.call(this.api('GET', `/users/${segment(name)}/profile`, { retryable, ...signalOf(options) }), wire.ProfileBody);
  }

  getCaptcha(name: string, kind?: 'image' | 'pow', options: CallOptions = {}): GatewayResult<wire.CaptchaBody> {
    const query = kind === undefined ? '' : `?kind=${kind}`;
    return this.call(
      this.api('GET', `/users/${segment(name)}/captcha${query}`, { maxResponseBytes: CAPTCHA_ANSWER_BYTES, ...signalOf(options) }),
      wire.CaptchaBody,
    );
  }

  sendFriendRequest(name: string, request: wire.FriendRequestRequest, options: CallOptions = {}): GatewayResult<wire.AcceptedResponse> {
    return this.call(this.api('POST', `/users/${segment(name)}/friend-requests`, { body: request, ...signalOf(options) }), wire.AcceptedResponse);
  }

  drop(name: string, dropToken: string | null, request: wire.DropRequest): GatewayResult<wire.AcceptedResponse> {
    return this.call(
      this.api('POST', `/users/${segment(name)}/drops`, { bearer: dropToken, body: request }),
      wire.AcceptedResponse,
    );
  }

  dropObject(name: string, dropToken: string, bytes: Uint8Array): GatewayResult<wire.DroppedObjectResponse> {
    return this.call(
      this.api('POST', `/users/${segment(name)}/objects`, { bearer: dropToken, bytes: ownBuffer(bytes) }),
      wire.DroppedObjectResponse,
    );
  }

  listInbox(session: string, query: InboxPageOptions = {}): GatewayResult<wire.InboxPage> {
    const params = new URLSearchParams();
    if (query.after !== undefined) params.set('after', query.after);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.toString() === '' ? '' : `?${params.toString()}`;
    return this.call(this.api('GET', `/inbox${search}`, { bearer: session, maxResponseBytes: this.options.maxResponseBytes }), wire.InboxPage);
  }

  ackInbox(session: string, ids: readonly string[], objects?: readonly string[]): GatewayResult<wire.AckResponse> {
    const body = { ids: [...ids], ...(objects === undefined || objects.length === 0 ? {} : { objects: [...objects] }) };
    return this.call(
      this.api('POST', '/inbox/ack', { bearer: session, body, retryable: true }),
      wire.AckResponse,
    );
  }

  openInboxEvents(session: string, signal?: AbortSignal): GatewayResult<InboxEventStream> {
    return openInboxEventStream({
      fetch: this.options.fetch,
      url: `${this.apiUrl}/inbox/events`,
      session,
      ...(signal === undefined ? {} : { signal }),
      connectTimeoutMs: this.options.eventStreamConnectTimeoutMs,
      idleTimeoutMs: this.options.eventStreamIdleTimeoutMs,
      now: this.options.now,
    });
  }

  /** A request under `/api/v1`. GETs are retryable; other methods only when said so. Small answers unless said otherwise. */
  private api(
    method: ExchangeRequest['method'],
    path: string,
    extra: Partial<Pick<ExchangeRequest, 'bearer' | 'body' | 'bytes' | 'headers' | 'retryable' | 'maxResponseBytes' | 'signal'>> = {},
  ): ExchangeRequest {
    const maxResponseBytes = Math.min(SMALL_ANSWER_BYTES, this.options.maxResponseBytes);
    return { method, path: wire.API_PREFIX + path, retryable: method === 'GET', maxResponseBytes, ...extra };
  }

  private async call<S extends TSchema>(request: ExchangeRequest, schema: S): GatewayResult<Static<S>> {
    const outcome = await this.exchange.send(request);
    if (!outcome.ok) return outcome;
    const { body, status } = outcome.value;
    return matchesWire(schema, body) ? ok(body) : err(notProtocol(status));
  }

  private async callWithoutAnswer(request: ExchangeRequest): GatewayResult<void> {
    const outcome = await this.exchange.send(request);
    return outcome.ok ? ok(undefined) : outcome;
  }
}

/** fetch sends only bytes over a plain ArrayBuffer (not a SharedArrayBuffer); copy the rare other kind. */
const ownBuffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);

/** The signal as an ExchangeRequest member, absent when there is none (exactOptionalPropertyTypes). */
const signalOf = (options: CallOptions): Pick<ExchangeRequest, 'signal'> => (options.signal === undefined ? {} : { signal: options.signal });

/** A success body is trusted only once it has the exact shape of the shared wire schema. */
const matchesWire = <S extends TSchema>(schema: S, value: unknown): value is Static<S> => Check(schema, value);

const notProtocol = (status: number): ReturnType<typeof badResponse> =>
  badResponse(status, 'the answer does not match PROTOCOL');
