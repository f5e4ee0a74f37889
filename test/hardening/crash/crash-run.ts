import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { objectsDirOf } from '../../../src/adapters/storage/sqlite/sqlite-object-files';
import { sqliteFileIn } from '../../../src/adapters/storage/sqlite/sqlite-storage';
import { aMessageEnvelope, aRegistrationBody, API } from '../../http/http-test-client';
import { totalsDrift } from '../../support/sqlite-running-totals';
import { AcknowledgedObjects, StoredObjects } from './acknowledged-objects';
import { AcknowledgedWrites, StoredState } from './acknowledged-writes';
import { bundleServer, RunningServer, startServerProcess } from './server-process';

export interface CrashRunOptions {
  readonly kills: number;
  /** Seeds the kill moments, so a failing run can be repeated. */
  readonly seed: number;
  readonly senders?: number;
  /** Blob writers; the first two share one account so their writes conflict. */
  readonly blobWriters?: number;
  /** Kill between these many ms after the load starts. */
  readonly killWindowMs?: readonly [number, number];
  readonly log?: (line: string) => void;
}

export interface CrashReport {
  readonly kills: number;
  readonly killsSurvived: number;
  readonly acknowledgedDrops: number;
  readonly acknowledgedBlobWrites: number;
  /** Store objects answered 201, and those then committed by a head write answered 200. */
  readonly acknowledgedObjects: number;
  readonly acknowledgedCommits: number;
  /** Acknowledged writes looked up again, summed over every check (file after each kill, HTTP after each restart). */
  readonly acknowledgedWritesChecked: number;
  readonly unansweredWrites: number;
  readonly conflictsAnswered412: number;
  readonly losses: readonly string[];
  readonly integrityFailures: readonly string[];
  readonly serverErrors: readonly string[];
  readonly seed: number;
}

interface Account {
  readonly name: string;
  readonly token: string;
}

/** A small seeded generator (mulberry32): the same seed, the same kill moments. */
const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Server answers, or null when the connection failed (the server is gone). */
const call = async (url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<{ status: number; body: unknown } | null> => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  try {
    const response = await fetch(url, {
      ...init,
      headers,
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch (error) {
    // fetch's TypeError comes from another realm under jest: compare names, not classes.
    if ((error as { name?: unknown } | null)?.name === 'TypeError') return null;
    throw error;
  }
};

const mustCall = async (url: string, init: Parameters<typeof call>[1], expected: number): Promise<unknown> => {
  const answer = await call(url, init);
  if (!answer || answer.status !== expected) throw new Error(`${init?.method ?? 'GET'} ${url}: expected ${expected}, got ${JSON.stringify(answer)}`);
  return answer.body;
};

const signUp = async (base: string, name: string): Promise<Account> => {
  const registration = aRegistrationBody(name);
  await mustCall(`${base}${API}/accounts`, { method: 'POST', json: registration }, 201);
  const session = (await mustCall(`${base}${API}/sessions`, { method: 'POST', json: { name, authKey: registration.authKey } }, 201)) as { token: string };
  return { name, token: session.token };
};

/** An object's bytes from its file next to the database; empty when the file is missing. */
const readObjectFile = (databaseFile: string, name: string): Buffer => {
  const path = join(objectsDirOf(databaseFile) ?? '', name);
  return existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
};

/**
 * Reads the killed server's file read-only: integrity first (the running totals the quota checks
 * read included: they must equal a recount), then everything acknowledged writes live in.
 */
const readDatabaseFile = (file: string): { integrity: string; state: StoredState; store: StoredObjects } => {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const findings = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    const drift = totalsDrift(db).map((line) => `running totals differ from a recount: ${line}`);
    const integrity = (drift.length === 0 ? findings : [...findings.filter((finding) => finding !== 'ok'), ...drift]).join('\n');
    const inboxes = new Map<string, Map<string, string>>();
    for (const row of db.prepare('SELECT owner, id, envelope FROM inbox_items').iterate() as Iterable<{ owner: string; id: string; envelope: string }>) {
      const inbox = inboxes.get(row.owner) ?? new Map<string, string>();
      inbox.set(row.id, row.envelope);
      inboxes.set(row.owner, inbox);
    }
    const blobs = new Map<string, { version: number; ciphertext: string }>();
    for (const row of db.prepare('SELECT name, version, ciphertext FROM user_blobs').all() as Array<{ name: string; version: number; ciphertext: Buffer }>) {
      blobs.set(row.name, { version: row.version, ciphertext: row.ciphertext.toString('base64url') });
    }
    const objects = new Map<string, { state: string; bytes: number; data: string }>();
    const objectRows = db.prepare("SELECT id, state, bytes, data, file FROM store_objects WHERE owner = 'crash-store'").all() as Array<{ id: string; state: string; bytes: number; data: Buffer; file: string | null }>;
    for (const row of objectRows) {
      // A row whose file is gone reads as empty bytes: findLosses reports it as changed.
      const data = row.file === null ? row.data : readObjectFile(file, row.file);
      objects.set(row.id, { state: row.state, bytes: row.bytes, data: data.toString('base64url') });
    }
    const usage = (db.prepare("SELECT objects, bytes FROM store_usage WHERE owner = 'crash-store'").get() as { objects: number; bytes: number } | undefined) ?? { objects: 0, bytes: 0 };
    const dropped = (db.prepare("SELECT objects, bytes FROM dropped_usage WHERE owner = 'crash-store'").get() as { objects: number; bytes: number } | undefined) ?? { objects: 0, bytes: 0 };
    return { integrity, state: { inboxes, blobs }, store: { objects, usage, dropped } };
  } finally {
    db.close();
  }
};

/** The same, through the restarted server's API. */
const readThroughApi = async (base: string, inboxOwner: Account, blobOwners: readonly Account[]): Promise<StoredState> => {
  const inbox = new Map<string, string>();
  let after: string | null = null;
  do {
    const query: string = after === null ? 'limit=500' : `after=${after}&limit=500`;
    const page = (await mustCall(`${base}${API}/inbox?${query}`, { token: inboxOwner.token }, 200)) as { items: Array<{ id: string; envelope: unknown }>; next: string | null };
    for (const item of page.items) inbox.set(item.id, JSON.stringify(item.envelope));
    after = page.next;
  } while (after !== null);
  const blobs = new Map<string, { version: number; ciphertext: string }>();
  for (const owner of blobOwners) {
    const blob = (await mustCall(`${base}${API}/blob`, { token: owner.token }, 200)) as { version: number; ciphertext: string };
    blobs.set(owner.name, blob);
  }
  return { inboxes: new Map([[inboxOwner.name, inbox]]), blobs };
};

/**
 * Starts the real server on SQLite as a child process, loads it with concurrent drops and blob
 * writes, SIGKILLs it at a random moment, checks the file (integrity, every acknowledged write),
 * restarts it on the same data dir and checks again through the API; `kills` times.
 */
export const runCrashTest = async (options: CrashRunOptions): Promise<CrashReport> => {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const [killFrom, killTo] = options.killWindowMs ?? [50, 900];
  const workDir = mkdtempSync(join(tmpdir(), 'starbase-crash-'));
  const dataDir = join(workDir, 'data');
  const bundle = bundleServer(join(workDir, 'bundle'));
  const env = { STARBASE_INBOX_ITEMS: '10000000', STARBASE_INBOX_BYTES: String(2 ** 40) };
  const promised = new AcknowledgedWrites();
  const promisedObjects = new AcknowledgedObjects();
  const losses: string[] = [];
  const integrityFailures: string[] = [];
  const serverErrors: string[] = [];
  let checked = 0;
  let survived = 0;
  let unanswered = 0;
  let conflicts = 0;
  let blobWrites = 0;

  const check = (when: string, state: StoredState) => {
    checked += promised.dropCount + promised.latestBlob.size;
    const found = promised.findLosses(state);
    losses.push(...found.map((loss) => `${when}: ${loss}`));
    return found.length === 0;
  };

  let server: RunningServer = await startServerProcess(bundle, dataDir, env);
  try {
    const inboxOwner = await signUp(server.url, 'crash-inbox');
    const blobAccounts = [await signUp(server.url, 'crash-blob-a'), await signUp(server.url, 'crash-blob-b')];
    const storeOwner = await signUp(server.url, 'crash-store');
    const writerAccounts = Array.from({ length: options.blobWriters ?? 3 }, (_, index) => blobAccounts[index < 2 ? 0 : 1]!);

    for (let kill = 1; kill <= options.kills; kill += 1) {
      const base = server.url;
      let stopped = false;
      const tokens = await Promise.all(
        Array.from({ length: options.senders ?? 4 }, async () => (await mustCall(`${base}${API}/drop-tokens`, { method: 'POST', token: inboxOwner.token, json: {} }, 201)) as { token: string }),
      );

      const sender = async (dropToken: string) => {
        while (!stopped) {
          const envelope = aMessageEnvelope(16 + Math.floor(random() * 600));
          const answer = await call(`${base}${API}/users/${inboxOwner.name}/drops`, { method: 'POST', token: dropToken, json: { envelope } });
          if (!answer) return void (unanswered += 1);
          if (answer.status === 202) promised.dropAcknowledged(inboxOwner.name, (answer.body as { id: string }).id, JSON.stringify(envelope));
          else serverErrors.push(`drop answered ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      };

      const writer = async (owner: Account, startVersion: number) => {
        let version = startVersion;
        while (!stopped) {
          const ciphertext = randomBytes(64 + Math.floor(random() * 2000)).toString('base64url');
          promised.blobAttempted(owner.name, version + 1, ciphertext);
          const answer = await call(`${base}${API}/blob`, { method: 'PUT', token: owner.token, headers: { 'if-match': `"${version}"` }, json: { ciphertext } });
          if (!answer) return void (unanswered += 1);
          if (answer.status === 200) {
            version = (answer.body as { version: number }).version;
            promised.blobAcknowledged(owner.name, version, ciphertext);
            blobWrites += 1;
          } else if (answer.status === 412) {
            conflicts += 1;
            version = (answer.body as { currentVersion: number }).currentVersion;
          } else {
            serverErrors.push(`blob write answered ${answer.status} ${JSON.stringify(answer.body)}`);
          }
        }
      };

      const storeFriend = (await mustCall(`${base}${API}/drop-tokens`, { method: 'POST', token: storeOwner.token, json: {} }, 201)) as { token: string };

      /**
       * Stages an object and has a friend drop one (§9.2), then commits the one and claims the
       * other with a head write: the crash may fall anywhere between.
       */
      const keeper = async (startVersion: number) => {
        let version = startVersion;
        while (!stopped) {
          const id = randomBytes(16).toString('base64url');
          const data = randomBytes(256 + Math.floor(random() * 8000));
          const put = await call(`${base}${API}/store/objects/${id}`, {
            method: 'PUT',
            token: storeOwner.token,
            headers: { 'content-type': 'application/octet-stream' },
            body: data,
          });
          if (!put) return void (unanswered += 1);
          if (put.status !== 201) return void serverErrors.push(`object put answered ${put.status} ${JSON.stringify(put.body)}`);
          promisedObjects.stagedAcknowledged(id, data.toString('base64url'));
          const chunk = randomBytes(256 + Math.floor(random() * 8000));
          const drop = await call(`${base}${API}/users/${storeOwner.name}/objects`, {
            method: 'POST',
            token: storeFriend.token,
            headers: { 'content-type': 'application/octet-stream' },
            body: chunk,
          });
          if (!drop) return void (unanswered += 1);
          if (drop.status !== 202) return void serverErrors.push(`object drop answered ${drop.status} ${JSON.stringify(drop.body)}`);
          const droppedId = (drop.body as { id: string }).id;
          promisedObjects.droppedAcknowledged(droppedId, chunk.toString('base64url'));
          const ciphertext = randomBytes(64).toString('base64url');
          const head = await call(`${base}${API}/blob`, {
            method: 'PUT',
            token: storeOwner.token,
            headers: { 'if-match': `"${version}"` },
            json: { ciphertext, objects: { commit: [id], claim: [droppedId] } },
          });
          if (!head) return void (unanswered += 1);
          if (head.status !== 200) return void serverErrors.push(`commit answered ${head.status} ${JSON.stringify(head.body)}`);
          version = (head.body as { version: number }).version;
          promisedObjects.committedAcknowledged(id);
          promisedObjects.committedAcknowledged(droppedId);
        }
      };
      const storeVersion = ((await mustCall(`${base}${API}/blob`, { token: storeOwner.token }, 200)) as { version: number }).version;

      const versions = await Promise.all(
        writerAccounts.map(async (owner) => ((await mustCall(`${base}${API}/blob`, { token: owner.token }, 200)) as { version: number }).version),
      );
      const load = Promise.all([
        ...tokens.map((token) => sender(token.token)),
        ...writerAccounts.map((owner, index) => writer(owner, versions[index]!)),
        keeper(storeVersion),
      ]);
      await delay(killFrom + Math.floor(random() * (killTo - killFrom)));
      await server.kill();
      stopped = true;
      await load;

      const file = readDatabaseFile(sqliteFileIn(dataDir));
      if (file.integrity !== 'ok') integrityFailures.push(`kill ${kill}: ${file.integrity}`);
      const objectLosses = promisedObjects.findLosses(file.store).map((loss) => `after kill ${kill} (file): ${loss}`);
      losses.push(...objectLosses);
      const fileIntact = check(`after kill ${kill} (file)`, file.state) && objectLosses.length === 0;

      server = await startServerProcess(bundle, dataDir, env);
      const apiIntact = check(`after restart ${kill} (API)`, await readThroughApi(server.url, inboxOwner, blobAccounts));
      if (file.integrity === 'ok' && fileIntact && apiIntact) survived += 1;
      log(`kill ${kill}/${options.kills}: ${promised.dropCount} drops and ${blobWrites} blob writes acknowledged so far, ${losses.length} lost`);
    }
  } finally {
    await server.kill();
    rmSync(workDir, { recursive: true, force: true });
  }
  return {
    kills: options.kills,
    killsSurvived: survived,
    acknowledgedDrops: promised.dropCount,
    acknowledgedBlobWrites: blobWrites,
    acknowledgedObjects: promisedObjects.count,
    acknowledgedCommits: promisedObjects.committedCount,
    acknowledgedWritesChecked: checked,
    unansweredWrites: unanswered,
    conflictsAnswered412: conflicts,
    losses,
    integrityFailures,
    serverErrors,
    seed: options.seed,
  };
};
