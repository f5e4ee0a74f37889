import { problemForServerError } from '../../src/adapters/http/server-error-table';
import {
  GatewayError,
  GatewayResult,
  HomeServerGateway,
  HomeServerGatewayFactory,
} from '../../src/application/ports/home-server-gateway';
import type { InboxItemBody } from '../../src/domain/protocol/wire';
import { inProcessInboxEvents } from './in-process-inbox-events';
import { ServerDependencies } from '../../src/application/server/server-dependencies';
import { createServerUseCases, ServerUseCases } from '../../src/application/server/server-use-cases';
import { DetailedServerError, ServerErrorCode } from '../../src/domain/protocol/server-error-codes';
import { decodeB64u, encodeB64u } from '../../src/domain/protocol/encoding/b64u';
import { err, ok, Result } from '../../src/domain/protocol/result';

type ServerOutcome<T> = Promise<Result<T, ServerErrorCode | DetailedServerError>>;

/** The problem+json the HTTP adapter would have sent for this use-case error. */
const asProblem = (error: ServerErrorCode | DetailedServerError): GatewayError => {
  const problem = problemForServerError(error);
  const currentVersion = typeof error !== 'string' && error.code === 'blob/version-conflict' ? { currentVersion: error.currentVersion } : {};
  const missing = typeof error !== 'string' && error.code === 'object/missing' ? { missing: [...error.missing] } : {};
  return { code: problem.code, status: problem.status, detail: problem.detail, ...currentVersion, ...missing };
};

const answer = async <T, R = T>(outcome: ServerOutcome<T>, shape: (value: T) => R = (value) => value as unknown as R) => {
  const result = await outcome;
  return result.ok ? ok(shape(result.value)) : err(asProblem(result.error));
};

const invalid = (field: string) => err<GatewayError>({ code: 'validation_failed', status: 400, detail: `${field} is not canonical base64url` });

/** Decodes b64u fields as the routes do: a non-canonical field is a 400, never a call. */
const withBytes = async <T>(fields: Record<string, string>, call: (bytes: Record<string, Uint8Array>) => GatewayResult<T>): GatewayResult<T> => {
  const bytes: Record<string, Uint8Array> = {};
  for (const [field, text] of Object.entries(fields)) {
    const decoded = decodeB64u(text);
    if (decoded === null) return invalid(field);
    bytes[field] = decoded;
  }
  return call(bytes as Record<string, Uint8Array> & Record<keyof typeof fields, Uint8Array>);
};

/** The members of `options` that are set, as an exactOptionalPropertyTypes input wants them. */
const pick = <T extends object, K extends keyof T>(options: T, ...keys: K[]): Partial<Pick<T, K>> =>
  Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]])) as Partial<Pick<T, K>>;

/**
 * A HomeServerGateway that calls the server's use cases directly, with the HTTP adapter's error
 * table: client use cases run against real server logic in milliseconds, without sockets. It skips
 * what only HTTP has (schemas, rate limits, body limits); test those through the HTTP suites.
 */
export class InProcessHomeServerGateway implements HomeServerGateway {
  private readonly server: ServerUseCases;

  constructor(
    readonly authority: string,
    private readonly deps: ServerDependencies,
  ) {
    this.server = createServerUseCases(deps);
  }

  async discover() {
    const { registration, captchaKind, blobBytes, envelopeBytes, quotas, store, fileBytes } = this.deps.policy;
    const limits = { blobBytes, envelopeBytes, inboxItems: quotas.maxItems, objectBytes: store.objectBytes, storeBytes: store.storeBytes, fileBytes };
    return ok({ protocol: 'starbase/2', api: '/api/v1', registration, captcha: captchaKind, limits } as const);
  }

  getKdfParams = (name: string) => answer(this.server.getKdfParams.execute({ name }));

  register: HomeServerGateway['register'] = (request) =>
    withBytes({ authKey: request.authKey, identityKey: request.identityKey, 'blob.ciphertext': request.blob.ciphertext }, (bytes) =>
      answer(
        this.server.registerAccount.execute({
          name: request.name,
          authKey: bytes['authKey']!,
          kdf: request.kdf,
          identityKey: bytes['identityKey']!,
          blob: { ciphertext: bytes['blob.ciphertext']! },
          authority: this.authority,
          ...(request.invite === undefined ? {} : { inviteCode: request.invite }),
        }),
      ),
    );

  openSession: HomeServerGateway['openSession'] = (request) =>
    withBytes({ authKey: request.authKey }, (bytes) => answer(this.server.openSession.execute({ name: request.name, authKey: bytes['authKey']! })));

  closeSession = (session: string) => this.asOwner(session, (owner) => answer(this.server.closeSession.execute({ jti: owner.jti })));

  readBlob = (session: string) =>
    this.asOwner(session, ({ name }) =>
      answer(this.server.readUserBlob.execute({ name }), (blob) => ({ version: blob.version, ciphertext: encodeB64u(blob.ciphertext) })),
    );

  writeBlob: HomeServerGateway['writeBlob'] = (session, input) =>
    this.asOwner(session, ({ name, jti }) =>
      withBytes({ ciphertext: input.ciphertext }, (bytes) =>
        answer(
          this.server.writeUserBlob.execute({
            name,
            session: jti,
            ifMatch: input.expectedVersion,
            ciphertext: bytes['ciphertext']!,
            ...(input.objects === undefined
              ? {}
              : { objects: { commit: input.objects.commit ?? [], release: input.objects.release ?? [], claim: input.objects.claim ?? [] } }),
          }),
        ),
      ),
    );

  putObject: HomeServerGateway['putObject'] = (session, id, bytes) =>
    this.asOwner(session, ({ name }) =>
      answer(this.server.putStoreObject.execute({ name, id, data: Uint8Array.from(bytes) }), (stored) => ({ id: stored.id, bytes: stored.bytes })),
    );

  getObject: HomeServerGateway['getObject'] = (session, id) =>
    this.asOwner(session, ({ name }) => answer(this.server.readStoreObject.execute({ name, id }, async (object) => Uint8Array.from(object.data)), (data) => data));

  listObjects: HomeServerGateway['listObjects'] = (session, query = {}) =>
    this.asOwner(session, ({ name }) =>
      answer(this.server.listStoreObjects.execute({ name, state: query.state ?? null, ...pick(query, 'after', 'limit') }), (page) => ({
        items: page.items.map((item) => ({ id: item.id, bytes: item.bytes, createdAt: item.createdAt, state: item.state === 'committed' ? 'committed' : 'staged' }) as const),
        next: page.next,
      })),
    );

  deleteObject: HomeServerGateway['deleteObject'] = (session, id) =>
    this.asOwner(session, ({ name }) => answer(this.server.deleteStoreObject.execute({ name, id })));

  updateAccount: HomeServerGateway['updateAccount'] = (session, request) =>
    this.asOwner(session, ({ name }) =>
      answer(this.server.updateAccountSettings.execute({ name, authority: this.authority, openInbox: request.openInbox })),
    );

  changeCredentials: HomeServerGateway['changeCredentials'] = (session, request) =>
    this.asOwner(session, ({ name }) =>
      withBytes({ currentAuthKey: request.currentAuthKey, authKey: request.authKey, 'blob.ciphertext': request.blob.ciphertext }, (bytes) =>
        answer(
          this.server.changeCredentials.execute({
            name,
            currentAuthKey: bytes['currentAuthKey']!,
            authKey: bytes['authKey']!,
            kdf: request.kdf,
            blob: { version: request.blob.version, ciphertext: bytes['blob.ciphertext']! },
          }),
        ),
      ),
    );

  deleteAccount: HomeServerGateway['deleteAccount'] = (session, request) =>
    this.asOwner(session, ({ name }) =>
      withBytes({ authKey: request.authKey }, (bytes) => answer(this.server.deleteAccount.execute({ name, authKey: bytes['authKey']! }))),
    );

  createDropToken = (session: string) => this.asOwner(session, ({ name }) => answer(this.server.issueDropToken.execute({ name })));

  listDropTokens = (session: string) => this.asOwner(session, ({ name }) => answer(this.server.listDropTokens.execute({ name })));

  revokeDropToken = (session: string, id: string) =>
    this.asOwner(session, ({ name }) => answer(this.server.revokeDropToken.execute({ name, id })));

  getProfile = (name: string) => answer(this.server.getProfile.execute({ name, authority: this.authority }));

  getCaptcha = (name: string) =>
    answer(this.server.issueCaptcha.execute({ name }), ({ id, expiresAt, challenge }) => ({ id, expiresAt, ...challenge }));

  sendFriendRequest: HomeServerGateway['sendFriendRequest'] = (name, request) =>
    answer(
      this.server.dropFriendRequest.execute({
        name,
        captcha: { id: request.captcha.id, answer: String(request.captcha.answer) },
        envelope: JSON.stringify(request.envelope),
      }),
    );

  drop: HomeServerGateway['drop'] = (name, dropToken, request) =>
    answer(this.server.dropMessage.execute({ name, dropToken, envelope: JSON.stringify(request.envelope) }));

  listInbox: HomeServerGateway['listInbox'] = (session, query = {}) =>
    this.asOwner(session, ({ name }) =>
      answer(this.server.listInbox.execute({ name, ...query }), (listing) => ({
        items: listing.items.map((item): InboxItemBody => ({ ...item, envelope: JSON.parse(item.envelope) as InboxItemBody['envelope'] })),
        next: listing.next,
      })),
    );

  dropObject: HomeServerGateway['dropObject'] = (name, dropToken, bytes) =>
    answer(this.server.dropObject.execute({ name, dropToken, data: Uint8Array.from(bytes) }));

  ackInbox = (session: string, ids: readonly string[], objects?: readonly string[]) =>
    this.asOwner(session, ({ name }) => answer(this.server.ackInbox.execute({ name, ids, ...(objects === undefined ? {} : { objects }) })));

  openInboxEvents: HomeServerGateway['openInboxEvents'] = (session, signal) =>
    this.asOwner(session, async ({ name, jti }) => ok(inProcessInboxEvents(this.deps.notifier, name, jti, signal)));

  private async asOwner<T>(session: string, call: (owner: { name: string; jti: string }) => GatewayResult<T>): GatewayResult<T> {
    const owner = await this.server.authenticateSession.execute({ token: session });
    return owner.ok ? call(owner.value) : err(asProblem(owner.error));
  }
}

/** A server that never answers: every call fails as a lost connection would. */
export const unreachableGateway = (authority: string): HomeServerGateway =>
  new Proxy({ authority } as HomeServerGateway, {
    get: (target, property) =>
      property === 'authority' || property === 'then'
        ? target[property as keyof HomeServerGateway]
        : async () => err<GatewayError>({ code: 'network_error', status: null, detail: `${authority} did not answer` }),
  });

interface Silence {
  readonly released: Promise<void>;
  /** Calls made to the server while it was silent. */
  calls: number;
}

/** A server that takes every call and answers none until `released`; then each fails as one that timed out. */
const silentGateway = (authority: string, silence: Silence): HomeServerGateway =>
  new Proxy({ authority } as HomeServerGateway, {
    get: (target, property) =>
      property === 'authority' || property === 'then'
        ? target[property as keyof HomeServerGateway]
        : async () => {
            silence.calls += 1;
            await silence.released;
            return err<GatewayError>({ code: 'network_error', status: null, detail: `${authority} did not answer in time` });
          },
  });

/** Routes each authority to its in-process server; an unknown or downed authority is unreachable. */
export class InProcessHomeServers implements HomeServerGatewayFactory {
  private readonly servers = new Map<string, HomeServerGateway>();
  private readonly down = new Set<string>();
  /** Authorities that take every call and answer none until released; then each fails as a call that timed out. */
  private readonly silent = new Map<string, Silence>();

  add(authority: string, deps: ServerDependencies): HomeServerGateway {
    const gateway = new InProcessHomeServerGateway(authority, deps);
    this.servers.set(authority, gateway);
    return gateway;
  }

  /** Until `restore` is called, every call to `authority` fails as a lost connection would. */
  outage(authority: string): { restore(): void } {
    this.down.add(authority);
    return { restore: () => this.down.delete(authority) };
  }

  /** Until `release` is called, every call to `authority` waits without an answer; then it fails as a call that timed out. */
  silence(authority: string): { release(): void; calls(): number } {
    let release = () => undefined as void;
    const silence: Silence = { released: new Promise<void>((resolve) => (release = resolve)), calls: 0 };
    this.silent.set(authority, silence);
    return {
      release: () => {
        this.silent.delete(authority);
        release();
      },
      calls: () => silence.calls,
    };
  }

  forServer(authority: string): HomeServerGateway {
    const silence = this.silent.get(authority);
    if (silence !== undefined) return silentGateway(authority, silence);
    const server = this.servers.get(authority);
    const reachable = server !== undefined && !this.down.has(authority);
    return reachable ? server : unreachableGateway(authority);
  }
}
