import type { KdfParams } from '../../domain/protocol/account-rules';
import type { Result } from '../../domain/protocol/result';
import type { ProblemCode } from '../../domain/protocol/server-error-codes';
import type {
  AcceptedResponse,
  AccountViewBody,
  AckResponse,
  BlobResponse,
  CaptchaBody,
  CaptchaKindBody,
  ChangeCredentialsRequest,
  ChangeCredentialsResponse,
  CreateDropTokenResponse,
  DeleteAccountRequest,
  DropRequest,
  DroppedObjectResponse,
  DropTokenBody,
  FriendRequestRequest,
  InboxPage,
  OpenSessionRequest,
  OpenSessionResponse,
  PatchAccountRequest,
  ProfileBody,
  RegisterRequest,
  RegisterResponse,
  StoredObjectResponse,
  StoreObjectList,
  WellKnownBody,
  WriteBlobRequest,
  WriteBlobResponse,
} from '../../domain/protocol/wire';

/*
 * The client's view of one home server (PROTOCOL §2, §3, §5).
 *
 * A gateway is bound to one server (`HomeServerGatewayFactory.forServer`), because a client talks
 * to its own server and to each friend's server. Gateways hold no session state: owner calls take
 * the session token as their first argument, drops take the drop token, so which credential goes
 * where is always visible at the call site.
 *
 * Every call resolves; expected failures (problem+json answers, network trouble, a server sending
 * garbage) come back as `err(GatewayError)`. Only bugs throw. Requests and answers are the wire
 * types of src/domain/protocol/wire, the schemas the server validates with.
 */

// ---- errors -------------------------------------------------------------------------------

/**
 * - a ProblemCode: the server said so in problem+json;
 * - `internal`: the server reported a bug of its own (500 with `code: "internal"`);
 * - `network_error`: no usable answer: connection failure, timeout, or a 502/503/504 from something
 *   in between; transient, worth trying again later (safe calls were already retried);
 * - `bad_response`: the server answered something that is not PROTOCOL (wrong shape, unknown
 *   error code, not JSON, too large). `status` says what HTTP status came with it;
 * - `aborted`: the caller's signal aborted the call (CallOptions); a write may still have arrived.
 */
export type GatewayErrorCode = ProblemCode | 'internal' | 'network_error' | 'bad_response' | 'aborted';

export interface GatewayError {
  readonly code: GatewayErrorCode;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** Human-readable; server-controlled text, so render it as text only. Never contains tokens. */
  readonly detail: string;
  /** `version_conflict` only: the blob's version on the server, when the server sent it. */
  readonly currentVersion?: number;
  /** `object_missing` only: the ids of the head write's `objects` the server does not hold (§8.2). */
  readonly missing?: readonly string[];
  /**
   * Seconds to wait before trying again (Retry-After header, else the `retryAfter` member), when
   * the server said: on `rate_limited`, and on a `network_error` from a 503.
   */
  readonly retryAfterSeconds?: number;
}

export type GatewayResult<T> = Promise<Result<T, GatewayError>>;

// ---- inputs of the port's own shape ---------------------------------------------------------

/** For calls a person waits on, to a server that may never answer. */
export interface CallOptions {
  /** Aborting ends the call at once with `aborted`, retries included. */
  readonly signal?: AbortSignal;
}

/** `PUT /blob`: the write succeeds only if the server's blob is still at `expectedVersion` (sent as `If-Match`). */
export type WriteBlobInput = WriteBlobRequest & { readonly expectedVersion: number };

/** `GET /inbox` query. */
export interface InboxPageOptions {
  /** The `next` cursor of the previous page; omit for the first page. */
  readonly after?: string;
  readonly limit?: number;
}

/** `GET /store/objects` query (§8.1). */
export interface ObjectListOptions {
  /** Only objects in this state; both when absent. */
  readonly state?: 'staged' | 'committed';
  /** The `next` cursor of the previous page; omit for the first page. */
  readonly after?: string;
  /** 1 … 1000. */
  readonly limit?: number;
}

// ---- inbox events (GET /inbox/events) ----------------------------------------------------------

/**
 * One server-sent event: `inbox` (something arrived; read the inbox) or `blob` (another session
 * of this account wrote the blob, which now has `version`; re-read it).
 */
export type InboxEvent =
  | {
      readonly type: 'inbox';
      /** The event's data lines joined by "\n" (may be empty; its content is a hint, not a contract). */
      readonly data: string;
      /** The SSE `id` last set by the server ('' when none). */
      readonly lastEventId: string;
    }
  | { readonly type: 'blob'; readonly version: number };

/** Why an event stream ended. */
export type InboxStreamEnd =
  | { readonly reason: 'aborted' }
  | { readonly reason: 'closed' }
  | { readonly reason: 'failed'; readonly error: GatewayError };

/**
 * A live `GET /inbox/events` connection. Iterate it with `for await`; the loop ends when the
 * caller's signal aborts, the caller breaks out, the server closes the stream, the connection
 * fails or goes silent past the idle timeout. `ended` then tells which. Reconnecting (with backoff,
 * and reading the inbox after each reconnect since events may have been missed) is the caller's
 * job; `retryMs` is the server's suggested reconnection delay, if it sent one.
 */
export interface InboxEventStream extends AsyncIterable<InboxEvent> {
  readonly ended: Promise<InboxStreamEnd>;
  retryMs(): number | null;
}

// ---- the port --------------------------------------------------------------------------------

/** One home server, seen from a client. `session` is a session token, `dropToken` a drop token. */
export interface HomeServerGateway {
  /** The server's authority (host[:port]) this gateway is bound to. */
  readonly authority: string;

  /** `GET /.well-known/starbase` */
  discover(): GatewayResult<WellKnownBody>;

  /** `GET /accounts/{name}/kdf` (a decoy for unknown names). Check the floor before using it. */
  getKdfParams(name: string): GatewayResult<KdfParams>;
  /** `POST /accounts`. Never retried automatically. */
  register(request: RegisterRequest): GatewayResult<RegisterResponse>;
  /** `POST /sessions`. Never retried automatically. */
  openSession(request: OpenSessionRequest): GatewayResult<OpenSessionResponse>;
  /** `DELETE /sessions/current` */
  closeSession(session: string, options?: CallOptions): GatewayResult<void>;

  /** `GET /blob`; the ETag, when present, must agree with the body's version. */
  readBlob(session: string): GatewayResult<BlobResponse>;
  /**
   * `PUT /blob` with `If-Match: "<expectedVersion>"`, and with `objects` (§8.2) when given: 412 →
   * `version_conflict` + `currentVersion`; 409 `object_missing` + `missing`; 507 `store_full`.
   * Any of those changed nothing on the server.
   */
  writeBlob(session: string, input: WriteBlobInput): GatewayResult<WriteBlobResponse>;

  /**
   * `PUT /store/objects/{id}` with the raw bytes: staged (201), or the same bytes were already
   * there (200, a safe retry, so retried on transient failures). 409 `object_exists` (other bytes
   * under that id), 413 `payload_too_large`, 507 `store_full`.
   */
  putObject(session: string, id: string, bytes: Uint8Array): GatewayResult<StoredObjectResponse>;
  /**
   * `GET /store/objects/{id}`: the bytes exactly as stored; 404 `not_found`. Bodies past the
   * server's `objectBytes` (from `discover()`, else the largest any server may set) are refused.
   */
  getObject(session: string, id: string): GatewayResult<Uint8Array>;
  /** `GET /store/objects?state=&after=&limit=` */
  listObjects(session: string, query?: ObjectListOptions): GatewayResult<StoreObjectList>;
  /**
   * `DELETE /store/objects/{id}` of a staged object; 409 `object_committed` for a committed one.
   * Retried on transient failures, so a 404 `not_found` may also mean an earlier attempt deleted it.
   */
  deleteObject(session: string, id: string): GatewayResult<void>;

  /** `PATCH /account` */
  updateAccount(session: string, request: PatchAccountRequest): GatewayResult<AccountViewBody>;
  /** `PUT /account/credentials` */
  changeCredentials(session: string, request: ChangeCredentialsRequest): GatewayResult<ChangeCredentialsResponse>;
  /** `DELETE /account`. Never retried automatically (a retry after a lost 204 would answer 401). */
  deleteAccount(session: string, request: DeleteAccountRequest): GatewayResult<void>;

  /** `POST /drop-tokens`. Never retried automatically. */
  createDropToken(session: string): GatewayResult<CreateDropTokenResponse>;
  /** `GET /drop-tokens` */
  listDropTokens(session: string): GatewayResult<readonly DropTokenBody[]>;
  /** `DELETE /drop-tokens/{id}` */
  revokeDropToken(session: string, tokenId: string): GatewayResult<void>;

  /**
   * `GET /users/{name}/profile`. `singleAttempt`: no retry, for lookups on a stranger's behalf
   * (each attempt tells the host our address).
   */
  getProfile(name: string, options?: CallOptions & { readonly singleAttempt?: boolean }): GatewayResult<ProfileBody>;
  /** `GET /users/{name}/captcha`, optionally `?kind=` (a wish the server may ignore) */
  getCaptcha(name: string, kind?: CaptchaKindBody, options?: CallOptions): GatewayResult<CaptchaBody>;
  /** `POST /users/{name}/friend-requests`. Never retried automatically. */
  sendFriendRequest(name: string, request: FriendRequestRequest, options?: CallOptions): GatewayResult<AcceptedResponse>;
  /** `POST /users/{name}/drops`; `dropToken` null for an open inbox. Never retried automatically. */
  drop(name: string, dropToken: string | null, request: DropRequest): GatewayResult<AcceptedResponse>;
  /**
   * `POST /users/{name}/objects` (§9.2): one file chunk as raw bytes, with a friend's drop token
   * only; 202 with the id the recipient's server chose. 401 `unauthorized`, 404 `not_found`, 413
   * `payload_too_large`, 507 `inbox_full` (the inbox's or this token's share). Never retried
   * automatically: a repeat would drop the chunk twice and count it twice against the quota.
   */
  dropObject(name: string, dropToken: string, bytes: Uint8Array): GatewayResult<DroppedObjectResponse>;

  /** `GET /inbox?after=&limit=` */
  listInbox(session: string, query?: InboxPageOptions): GatewayResult<InboxPage>;
  /**
   * `POST /inbox/ack` (idempotent, so retried on transient failures); `objects`: dropped objects
   * (§9.2) this client will not claim, deleted with the items.
   */
  ackInbox(session: string, ids: readonly string[], objects?: readonly string[]): GatewayResult<AckResponse>;
  /**
   * `GET /inbox/events`: resolves once the server accepted the stream (or with the error that
   * refused it). Never retried automatically; see InboxEventStream for reconnecting.
   */
  openInboxEvents(session: string, signal?: AbortSignal): GatewayResult<InboxEventStream>;
}

/** Makes gateways; `authority` is the host[:port] part of an address (`bob@host:port`). */
export interface HomeServerGatewayFactory {
  /** Throws on a malformed authority: addresses are validated before they get here. */
  forServer(authority: string): HomeServerGateway;
}
