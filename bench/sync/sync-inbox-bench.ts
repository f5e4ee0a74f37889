import { randomBytes } from 'node:crypto';
import { HashWasmKeyDerivation } from '../../src/adapters/crypto-node/hash-wasm-key-derivation';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { FetchHomeServerGatewayFactory } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import { SetTimeoutTimer } from '../../src/adapters/time/set-timeout-timer';
import { ClientDependencies } from '../../src/application/client/client-dependencies';
import { SignedInAccount } from '../../src/application/client/session/signed-in-account';
import { encryptBlob } from '../../src/application/client/protocol/blob-cipher';
import { encryptMessage } from '../../src/application/client/protocol/message-cipher';
import { Register } from '../../src/application/client/use-cases/register';
import { LogIn } from '../../src/application/client/use-cases/log-in';
import { accountOverview } from '../../src/application/client/session/account-overview';
import { conversationEntries } from '../../src/application/client/session/conversation-entries';
import { SearchHistory } from '../../src/application/client/use-cases/search-history';
import { MemoryObjectCache } from '../../src/adapters/local-store/memory-object-cache';
import { knownPageRefs } from '../../src/domain/messaging/store/known-pages';
import { SyncInbox } from '../../src/application/client/use-cases/sync-inbox';
import { KDF_FLOOR } from '../../src/domain/protocol/account-rules';
import { decodeB64u } from '../../src/domain/protocol/encoding/b64u';
import { BlobDocument } from '../../src/domain/messaging/blob-document';
import { serializeStoreHead } from '../../src/domain/messaging/store/head-codec';
import { headForWrite } from '../../src/domain/messaging/store/head-write';
import { serializeMessagePage } from '../../src/domain/messaging/store/message-page';
import { serializeIndexPage } from '../../src/domain/messaging/store/index-page';
import { upgradeV1 } from '../../src/domain/messaging/store/upgrade-v1';
import { newObjectId } from '../../src/application/client/protocol/object-cipher';
import { markOfHead } from '../../src/application/client/session/head-mark';
import { accountObjects } from '../../src/application/client/session/account-objects';
import { writeObject } from '../../src/application/client/store/write-object';
import { anIdentityKey, b64u } from '../server/http-fixtures';
import { median } from '../support/timing';
import { HistoryFriend, historyMessageId, nextInboundSeq, withHistory } from './history-document';
import { PhaseClock, timedCrypto, timedGateways } from './timing-ports';

/*
 * The client's own SyncInbox use case (src/application/client/use-cases/sync-inbox.ts), timed end to end
 * while one new message waits in the inbox and the blob already holds N messages. The account is
 * real (registered through the Register use case); its history is written into its blob directly,
 * then the friend's message is dropped over HTTP with the drop token the history names.
 */

export interface SyncInboxFigures {
  readonly messages: number;
  readonly samples: number;
  readonly medianMs: number;
  /** Median ms per phase: HTTP calls by route, AES-GCM, and the rest (JSON, encoding, domain). */
  readonly phases: Readonly<Record<string, number>>;
  /** Median bytes one sync sent: the head's ciphertext plus any sealed page or index. */
  readonly uploadedBytes: number;
  /** Median of the head's share of those bytes. */
  readonly headBytes: number;
}

/** LogIn (PROTOCOL §4, §5, §8) to the newest conversation on screen, Argon2id's time taken out. */
export interface LogInFigures {
  readonly messages: number;
  readonly samples: number;
  /** Median ms from the KDF parameters request to the newest chat's entries, minus Argon2id. */
  readonly medianMs: number;
  /** Median ms of Argon2id in those log-ins (the KDF floor: see KDF_FLOOR). */
  readonly argon2Ms: number;
  readonly phases: Readonly<Record<string, number>>;
  /** Entries the newest conversation shows. */
  readonly entriesShown: number;
}

/** SearchHistory over the whole history right after a log-in (PROTOCOL §8.4: pages opened in the browser). */
export interface SearchFigures {
  readonly messages: number;
  /** Pages and indexes of the history the search opened. */
  readonly objects: number;
  readonly results: number;
  /** First search of a session on a browser that has no object cached: every page downloaded and decrypted. */
  readonly coldMs: number;
  /** The same search until its first results were reported (onResults): the newest matches, found before older pages are read. */
  readonly coldFirstMs: number;
  /** First search of a new session on the same browser: every page from the object cache (ciphertext), decrypted. */
  readonly cachedMs: number;
  /** The cached search until its first results were reported. */
  readonly cachedFirstMs: number;
  /** Another query in the same session: the pages are already decrypted in memory. */
  readonly againMs: number;
}

export interface SyncInboxBench {
  measure(messages: number, samples: number): Promise<SyncInboxFigures>;
  /** Log-ins to the history the last `measure` wrote. */
  measureLogIn(messages: number, samples: number): Promise<LogInFigures>;
  /** Searches of the history the last `measure` wrote. */
  measureSearch(messages: number): Promise<SearchFigures>;
}

const PASSWORD = 'bench password, not a secret';

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T => {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.value;
};

const keyBytes = (text: string): Uint8Array => {
  const bytes = decodeB64u(text);
  if (bytes === null) throw new Error('bad key');
  return bytes;
};

/** Registers `name` on the server behind `baseUrl` and returns a bench over its SyncInbox. */
export const prepareSyncInboxBench = async (baseUrl: string, name: string, friendsCount: number): Promise<SyncInboxBench> => {
  const clock = new PhaseClock();
  const authority = new URL(baseUrl).host;
  const crypto = createWebCryptoSuite({ keyDerivation: new HashWasmKeyDerivation() });
  const deps: ClientDependencies = {
    crypto: timedCrypto(crypto, clock),
    gateways: timedGateways(new FetchHomeServerGatewayFactory({ allowHttp: true }), clock),
    localStore: new MemoryLocalStore(),
    clock: { now: () => Date.now() },
    // The floor keeps registration quick; it changes nothing a sync does.
    kdfCost: KDF_FLOOR,
    timer: new SetTimeoutTimer(),
  };
  const account: SignedInAccount = unwrap(await new Register(deps).execute({ address: `${name}@${authority}`, password: PASSWORD }), 'register');
  const registeredDoc: BlobDocument = account.doc;
  const gateway = account.gateway;
  const ourToken = unwrap(await gateway.createDropToken(account.session.token), 'create drop token');
  const friends: HistoryFriend[] = Array.from({ length: friendsCount }, (_, i) => ({
    address: `friend${i}@chat${i % 3}.example.org`,
    handshakeId: b64u(randomBytes(32)),
    identityKey: anIdentityKey(),
    friendshipKey: b64u(randomBytes(32)),
    ourDropTokenId: i === 0 ? ourToken.id : `token-${i}`,
    ourDropToken: i === 0 ? ourToken.token : b64u(randomBytes(32)),
    theirDropToken: b64u(randomBytes(32)),
  }));
  const sender = friends[0] as HistoryFriend;
  const syncInbox = new SyncInbox(deps);
  let sent = 0;

  /** The account's store becomes `doc`, its history sealed into pages as an upgrade would (PROTOCOL §8.6), committed with If-Match. */
  const replaceHistory = async (doc: BlobDocument): Promise<void> => {
    const upgraded = upgradeV1(doc, account.head.storeKey, () => newObjectId(crypto.random));
    const access = accountObjects(deps, account);
    for (const { id, page } of upgraded.pages) unwrap(await writeObject(access, id, serializeMessagePage(page)), 'write page');
    for (const { id, index } of upgraded.indexes) unwrap(await writeObject(access, id, serializeIndexPage(index)), 'write index');
    const next = headForWrite({ ...upgraded.head, log: account.head.log }, account.parent);
    const ciphertext = await encryptBlob(crypto, account.blobKey, account.name, serializeStoreHead(next));
    const commit = [...upgraded.pages, ...upgraded.indexes].map(({ id }) => id);
    const written = unwrap(
      await gateway.writeBlob(account.session.token, { expectedVersion: account.version, ciphertext, ...(commit.length > 0 ? { objects: { commit } } : {}) }),
      'write history',
    );
    account.adoptSaved(next, await markOfHead(crypto, written.version, ciphertext));
  };

  const dropNextMessage = async (): Promise<string> => {
    const id = historyMessageId(20_000_000 + sent++);
    const envelope = await encryptMessage(crypto, {
      friendshipKey: keyBytes(sender.friendshipKey),
      from: sender.address,
      to: account.address,
      plaintext: JSON.stringify({ type: 'message', id, seq: nextInboundSeq(account.doc, sender), sentAt: Date.now(), body: 'Are we still on for Saturday? I can bring the tent.' }),
    });
    unwrap(await gateway.drop(account.name, ourToken.token, { envelope }), 'drop');
    return id;
  };

  const syncOnce = async (): Promise<{ ms: number; phases: Record<string, number>; sent: Record<string, number> }> => {
    const id = await dropNextMessage();
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    clock.reset();
    const started = performance.now();
    const report = unwrap(await syncInbox.execute(account), 'SyncInbox');
    const ms = performance.now() - started;
    if (report.acknowledged !== 1 || !Object.keys(account.doc.messages).some((key) => key.endsWith(`:${id}`))) {
      throw new Error(`SyncInbox did not take the new message in (acknowledged ${report.acknowledged})`);
    }
    const phases = clock.overview();
    const accounted = Object.values(phases).reduce((sum, value) => sum + value, 0);
    return { ms, phases: { ...phases, 'rest (JSON, base64url, domain)': ms - accounted }, sent: clock.sentSnapshot() };
  };

  const logInOnce = async (): Promise<{ ms: number; argon2Ms: number; phases: Record<string, number>; entries: number }> => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    clock.reset();
    const started = performance.now();
    const signedIn = unwrap(await new LogIn(deps).execute({ address: account.address, password: PASSWORD }), 'LogIn');
    const overview = accountOverview(signedIn);
    const newest = [...overview.friends].sort((a, b) => (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0))[0];
    const entries = newest === undefined ? [] : conversationEntries(signedIn.shownDocument, newest.address, Date.now());
    const ms = performance.now() - started;
    signedIn.close();
    const phases = clock.overview();
    const argon2Ms = phases['Argon2id'] ?? 0;
    return { ms: ms - argon2Ms, argon2Ms, phases, entries: entries.length };
  };

  /** Words of the bench's message bodies (history-document.ts), each in about 1 % of them. */
  const SEARCH_QUERIES = ['sounds', 'photos'] as const;

  const timedSearch = async (search: SearchHistory, signedIn: SignedInAccount, query: string): Promise<{ ms: number; firstMs: number; results: number }> => {
    const started = performance.now();
    let firstAt: number | undefined;
    const results = unwrap(await search.execute(signedIn, query, { onResults: () => (firstAt ??= performance.now()) }), 'SearchHistory');
    const ms = performance.now() - started;
    return { ms, firstMs: firstAt === undefined ? ms : firstAt - started, results: results.length };
  };

  const searchOnce = async (messages: number): Promise<SearchFigures> => {
    const cache = new MemoryObjectCache(Number.MAX_SAFE_INTEGER);
    const browser: ClientDependencies = { ...deps, objectCaches: () => cache };
    const first = unwrap(await new LogIn(browser).execute({ address: account.address, password: PASSWORD }), 'LogIn');
    const cold = await timedSearch(new SearchHistory(browser), first, SEARCH_QUERIES[0]);
    first.close();
    const second = unwrap(await new LogIn(browser).execute({ address: account.address, password: PASSWORD }), 'LogIn');
    const search = new SearchHistory(browser);
    const cached = await timedSearch(search, second, SEARCH_QUERIES[0]);
    const again = await timedSearch(search, second, SEARCH_QUERIES[1]);
    const objects = Object.keys(second.head.indexes).length + Object.keys(knownPageRefs(second.head, [...second.indexes])).length;
    second.close();
    return { messages, objects, results: cold.results, coldMs: cold.ms, coldFirstMs: cold.firstMs, cachedMs: cached.ms, cachedFirstMs: cached.firstMs, againMs: again.ms };
  };

  return {
    measureSearch: searchOnce,
    measure: async (messages, samples) => {
      await replaceHistory(withHistory(registeredDoc, { ourAddress: account.address, friends, messages, now: Date.now(), spacingMs: 10 * 60 * 1000 }));
      // One untimed round before the first size, so JIT warm-up is not billed to the smallest blob.
      if (sent === 0) await syncOnce();
      const runs: { ms: number; phases: Record<string, number>; sent: Record<string, number> }[] = [];
      for (let i = 0; i < samples; i++) runs.push(await syncOnce());
      const phaseNames = [...new Set(runs.flatMap((run) => Object.keys(run.phases)))];
      return {
        messages,
        samples,
        medianMs: median(runs.map((run) => run.ms)),
        phases: Object.fromEntries(phaseNames.map((phase) => [phase, median(runs.map((run) => run.phases[phase] ?? 0))])),
        uploadedBytes: median(runs.map((run) => (run.sent['head'] ?? 0) + (run.sent['objects'] ?? 0))),
        headBytes: median(runs.map((run) => run.sent['head'] ?? 0)),
      };
    },
    measureLogIn: async (messages, samples) => {
      await logInOnce();
      const runs: Awaited<ReturnType<typeof logInOnce>>[] = [];
      for (let i = 0; i < samples; i++) runs.push(await logInOnce());
      const phaseNames = [...new Set(runs.flatMap((run) => Object.keys(run.phases)))];
      return {
        messages,
        samples,
        medianMs: median(runs.map((run) => run.ms)),
        argon2Ms: median(runs.map((run) => run.argon2Ms)),
        phases: Object.fromEntries(phaseNames.map((phase) => [phase, median(runs.map((run) => run.phases[phase] ?? 0))])),
        entriesShown: median(runs.map((run) => run.entries)),
      };
    },
  };
};
