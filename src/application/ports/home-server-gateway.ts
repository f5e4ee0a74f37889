import { KdfParams } from '../../domain/protocol/account-rules';
import { Result } from '../../domain/protocol/result';

/*
 * The client's view of one home server (PROTOCOL §2, §3, §5).
 *
 * A gateway is bound to one server (`HomeServerGatewayFactory.forServer`), because a client talks
 * to its own server and to each friend's server. Gateways hold no session state: owner calls take
 * the session token as their first argument, drops take the drop token, so which credential goes
 * where is always visible at the call site.
 *
 * Every call resolves; expected failures (problem+json answers, network trouble, a server sending
 * garbage) come back as `err(GatewayError)`. Only bugs throw. The types below mirror
 * src/domain/protocol/wire (the schemas the server validates with) field for field; the adapter checks
 * at compile time that they stay identical.
 */

// ---- errors -------------------------------------------------------------------------------

/** PROTOCOL §3 problem codes, as sent by the server. */
export const PROBLEM_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'name_taken',
  'version_conflict',
  'precondition_required',
  'captcha_invalid',
  'captcha_expired',
  'payload_too_large',
  'inbox_full',
  'rate_limited',
  'registration_closed',
  'unsupported_media_type',
  'object_exists',
  'object_missing',
  'object_committed',
  'store_full',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * - a PROBLEM_CODES value: the server said so in problem+json;
 * - `internal`: the server reported a bug of its own (500 with `code: "internal"`);
 * - `network_error`: no usable answer: connection failure, timeout, or a 502/503/504 from something
 *   in between; transient, worth trying again later (safe calls were already retried);
 * - `bad_response`: the server answered something that is not PROTOCOL (wrong shape, unknown
 *   error code, not JSON, too large). `status` says what HTTP status came with it.
 */
export type GatewayErrorCode = ProblemCode | 'internal' | 'network_error' | 'bad_response';

export interface GatewayError {
  readonly code: GatewayErrorCode;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** Human-readable; server-controlled text, so render it as text only. Never contains tokens. */
  readonly detail: string;
  /** `version_conflict` only: the blob's version on the server, when the server sent it. */
  readonly currentVersion?: number;
  /**
   * Seconds to wait before trying again (Retry-After header, else the `retryAfter` member), when
   * the server said: on `rate_limited`, and on a `network_error` from a 503.
   */
  readonly retryAfterSeconds?: number;
}

export type GatewayResult<T> = Promise<Result<T, GatewayError>>;

// ---- wire types (PROTOCOL §5, identical to src/domain/protocol/wire) --------------------------------

/** `GET /.well-known/starbase` */
export interface ServerDiscovery {
  /** `starbase/2` servers (PROTOCOL §8–§10) also serve version 1 clients. */
  readonly protocol: 'starbase/1' | 'starbase/2';
  readonly api: '/api/v1';
  readonly registration: 'open' | 'invite' | 'closed';
  readonly captcha: 'image' | 'pow';
  readonly limits: {
    readonly blobBytes: number;
    readonly envelopeBytes: number;
    readonly inboxItems: number;
    /** Version 2 only. */
    readonly objectBytes?: number;
    readonly storeBytes?: number;
    readonly fileBytes?: number;
  };
}

export type { KdfParams };

/** PROTOCOL §4 seal(): friend requests, acceptances, open drops. All values b64u. */
export interface SealedEnvelope {
  readonly v: 1;
  readonly epk: string;
  readonly nonce: string;
  readonly ct: string;
}

/** PROTOCOL §4.2 message between friends. All values b64u. */
export interface MessageEnvelope {
  readonly v: 1;
  readonly nonce: string;
  readonly ct: string;
}

export type Envelope = SealedEnvelope | MessageEnvelope;

/** `POST /accounts`. `invite` only for servers whose registration is `invite`. */
export interface RegisterRequest {
  readonly name: string;
  /** b64u, 32 bytes. */
  readonly authKey: string;
  readonly kdf: KdfParams;
  /** X25519 public key, b64u, 32 bytes. */
  readonly identityKey: string;
  readonly blob: { readonly ciphertext: string };
  readonly invite?: string;
}

export interface RegisterResponse {
  readonly address: string;
}

/** `POST /sessions` */
export interface OpenSessionRequest {
  readonly name: string;
  readonly authKey: string;
}

export interface OpenSessionResponse {
  /** The session token (JWT). A secret: never log it. */
  readonly token: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

/** `GET /blob` */
export interface BlobSnapshot {
  readonly version: number;
  /** b64u of nonce(12) || AES-256-GCM(...). */
  readonly ciphertext: string;
}

/** `PUT /blob`: the write succeeds only if the server's blob is still at `expectedVersion`. */
export interface WriteBlobInput {
  readonly expectedVersion: number;
  readonly ciphertext: string;
  /** PROTOCOL §8.2: store objects committed, released and claimed with this head write. */
  readonly objects?: { readonly commit?: string[]; readonly release?: string[]; readonly claim?: string[] };
}

export interface WriteBlobResponse {
  /** Always `expectedVersion + 1`. */
  readonly version: number;
}

/** `PATCH /account` */
export interface PatchAccountRequest {
  readonly openInbox: boolean;
}

export interface AccountView {
  readonly name: string;
  readonly address: string;
  readonly identityKey: string;
  readonly openInbox: boolean;
  readonly createdAt: number;
}

/** `PUT /account/credentials`: password change together with the re-encrypted blob. */
export interface ChangeCredentialsRequest {
  readonly currentAuthKey: string;
  readonly authKey: string;
  readonly kdf: KdfParams;
  /** `version` is the blob version the re-encryption is based on. */
  readonly blob: { readonly version: number; readonly ciphertext: string };
}

export interface ChangeCredentialsResponse {
  readonly version: number;
}

/** `DELETE /account` */
export interface DeleteAccountRequest {
  readonly authKey: string;
}

/** `POST /drop-tokens`: the token is shown only here; give it to the friend, never log it. */
export interface CreatedDropToken {
  readonly id: string;
  readonly token: string;
}

/** `GET /drop-tokens` entries. */
export interface DropTokenInfo {
  readonly id: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly uses: number;
}

/** `GET /users/{name}/profile` */
export interface Profile {
  readonly address: string;
  readonly identityKey: string;
  readonly openInbox: boolean;
}

export interface ImageCaptcha {
  readonly id: string;
  readonly kind: 'image';
  /** `data:image/png;base64,…` */
  readonly image: string;
  readonly expiresAt: number;
  /** Version 2: other kinds the server issues instead when asked (`getCaptcha(name, kind)`). */
  readonly alternatives?: ('image' | 'pow')[];
}

/** The answer is the number n ≤ maxNumber with hex(SHA-256(salt + n)) == challenge. */
export interface PowCaptcha {
  readonly id: string;
  readonly kind: 'pow';
  readonly algorithm: 'SHA-256';
  readonly salt: string;
  readonly challenge: string;
  readonly maxNumber: number;
  readonly expiresAt: number;
  readonly alternatives?: ('image' | 'pow')[];
}

/** `GET /users/{name}/captcha` */
export type CaptchaChallenge = ImageCaptcha | PowCaptcha;

export interface CaptchaSolution {
  readonly id: string;
  readonly answer: string | number;
}

/** `POST /users/{name}/friend-requests` */
export interface FriendRequestRequest {
  readonly captcha: CaptchaSolution;
  readonly envelope: SealedEnvelope;
}

/** `POST /users/{name}/drops` */
export interface DropRequest {
  readonly envelope: Envelope;
}

/** 202 answer of friend requests and drops: the inbox item's id. */
export interface AcceptedResponse {
  readonly id: string;
}

/** `GET /inbox` query. */
export interface InboxQuery {
  /** The `next` cursor of the previous page; omit for the first page. */
  readonly after?: string;
  readonly limit?: number;
}

export interface InboxItem {
  readonly id: string;
  readonly kind: 'friend-request' | 'drop';
  /** The drop token id used: a routing hint only, null for friend requests and open-inbox drops. */
  readonly tokenId: string | null;
  readonly receivedAt: number;
  readonly envelope: Envelope;
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  /** Pass as `after` for more; null when there is nothing more. */
  readonly next: string | null;
}

export interface AckResponse {
  readonly deleted: number;
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
  discover(): GatewayResult<ServerDiscovery>;

  /** `GET /accounts/{name}/kdf` (a decoy for unknown names). Check the floor before using it. */
  getKdfParams(name: string): GatewayResult<KdfParams>;
  /** `POST /accounts`. Never retried automatically. */
  register(request: RegisterRequest): GatewayResult<RegisterResponse>;
  /** `POST /sessions`. Never retried automatically. */
  openSession(request: OpenSessionRequest): GatewayResult<OpenSessionResponse>;
  /** `DELETE /sessions/current` */
  closeSession(session: string): GatewayResult<void>;

  /** `GET /blob`; the ETag, when present, must agree with the body's version. */
  readBlob(session: string): GatewayResult<BlobSnapshot>;
  /** `PUT /blob` with `If-Match: "<expectedVersion>"`; 412 → `version_conflict` + `currentVersion`. */
  writeBlob(session: string, input: WriteBlobInput): GatewayResult<WriteBlobResponse>;

  /** `PATCH /account` */
  updateAccount(session: string, request: PatchAccountRequest): GatewayResult<AccountView>;
  /** `PUT /account/credentials` */
  changeCredentials(session: string, request: ChangeCredentialsRequest): GatewayResult<ChangeCredentialsResponse>;
  /** `DELETE /account`. Never retried automatically (a retry after a lost 204 would answer 401). */
  deleteAccount(session: string, request: DeleteAccountRequest): GatewayResult<void>;

  /** `POST /drop-tokens`. Never retried automatically. */
  createDropToken(session: string): GatewayResult<CreatedDropToken>;
  /** `GET /drop-tokens` */
  listDropTokens(session: string): GatewayResult<readonly DropTokenInfo[]>;
  /** `DELETE /drop-tokens/{id}` */
  revokeDropToken(session: string, tokenId: string): GatewayResult<void>;

  /**
   * `GET /users/{name}/profile`. `singleAttempt`: no retry, for lookups on a stranger's behalf
   * (each attempt tells the host our address).
   */
  getProfile(name: string, options?: { readonly singleAttempt?: boolean }): GatewayResult<Profile>;
  /** `GET /users/{name}/captcha`, optionally `?kind=` (a wish the server may ignore) */
  getCaptcha(name: string, kind?: 'image' | 'pow'): GatewayResult<CaptchaChallenge>;
  /** `POST /users/{name}/friend-requests`. Never retried automatically. */
  sendFriendRequest(name: string, request: FriendRequestRequest): GatewayResult<AcceptedResponse>;
  /** `POST /users/{name}/drops`; `dropToken` null for an open inbox. Never retried automatically. */
  drop(name: string, dropToken: string | null, request: DropRequest): GatewayResult<AcceptedResponse>;

  /** `GET /inbox?after=&limit=` */
  listInbox(session: string, query?: InboxQuery): GatewayResult<InboxPage>;
  /** `POST /inbox/ack` (idempotent, so retried on transient failures). */
  ackInbox(session: string, ids: readonly string[]): GatewayResult<AckResponse>;
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
