import { AutocannonRequest } from 'autocannon';
import { API, BenchAccount, DropToken, dropPath, randomBlobCiphertext } from './http-fixtures';

/*
 * The request streams autocannon sends. Every connection sends one request at a time
 * (pipelining 1), so onResponse for a connection runs before its next setupRequest.
 */

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** POST /users/{name}/drops, rotating over (recipient, token) pairs so no token or inbox hits its quota. */
export const dropRequests = (tokens: readonly DropToken[], body: string): AutocannonRequest[] => {
  let next = 0;
  return [
    {
      method: 'POST',
      body,
      setupRequest: (request) => {
        const token = tokens[next++ % tokens.length] as DropToken;
        return { ...request, path: dropPath(token.recipient), headers: { ...JSON_HEADERS, authorization: `Bearer ${token.token}` } };
      },
    },
  ];
};

const OCTET_HEADERS = { 'content-type': 'application/octet-stream' } as const;

/** A fresh 22-character object id per request: every PUT stages a new object. */
const objectIdFor = (prefix: string, n: number): string => `${prefix}${n.toString(36)}`.padEnd(22, '0').slice(0, 22);

/**
 * PUT of `body` under a new id each time, rotating over owners (a store holds at most
 * STARBASE_STORE_BYTES). `owners` null: the raw baseline route, which takes no session.
 */
export const objectPutRequests = (owners: readonly BenchAccount[] | null, body: Buffer, pathOf: (id: string) => string, run: string): AutocannonRequest[] => {
  let next = 0;
  return [
    {
      method: 'PUT',
      body,
      setupRequest: (request) => {
        const n = next++;
        const owner = owners === null ? null : (owners[n % owners.length] as BenchAccount);
        const headers: Record<string, string> = owner === null ? { ...OCTET_HEADERS } : { ...OCTET_HEADERS, authorization: `Bearer ${owner.sessionToken}` };
        return { ...request, path: pathOf(objectIdFor(run, n)), headers };
      },
    },
  ];
};

/** GET of one stored object per owner (or the raw route's fixed one). */
export const objectGetRequests = (reads: readonly { readonly path: string; readonly token: string | null }[]): AutocannonRequest[] => {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (request) => {
        const read = reads[next++ % reads.length]!;
        const headers: Record<string, string> = read.token === null ? {} : { authorization: `Bearer ${read.token}` };
        return { ...request, path: read.path, headers };
      },
    },
  ];
};

export const inboxPageRequests = (owner: BenchAccount, limit: number): AutocannonRequest[] => [
  { method: 'GET', path: `${API}/inbox?limit=${limit}`, headers: { authorization: `Bearer ${owner.sessionToken}` } },
];

/** GET /blob, rotating over accounts (each connection reads some user's 1 MiB blob). */
export const blobReadRequests = (owners: readonly BenchAccount[]): AutocannonRequest[] => {
  let next = 0;
  return [
    {
      method: 'GET',
      path: `${API}/blob`,
      setupRequest: (request) => {
        const owner = owners[next++ % owners.length] as BenchAccount;
        return { ...request, headers: { authorization: `Bearer ${owner.sessionToken}` } };
      },
    },
  ];
};

export interface BlobWriters {
  readonly owners: readonly BenchAccount[];
  /** Each owner's current blob version, as the ETag of the last read or write said. */
  readonly versions: number[];
}

export const readBlobVersion = async (baseUrl: string, owner: BenchAccount): Promise<number> => {
  const response = await fetch(`${baseUrl}${API}/blob`, { headers: { authorization: `Bearer ${owner.sessionToken}` } });
  await response.arrayBuffer();
  const version = Number(/^"(\d+)"$/.exec(response.headers.get('etag') ?? '')?.[1]);
  if (!response.ok || !Number.isSafeInteger(version)) throw new Error(`GET /blob answered ${response.status}`);
  return version;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads every owner's version until two reads in a row agree: when autocannon stops a run, the
 * server is still writing the 1 MiB bodies it had already received, and would bump versions
 * behind our back (each such write would cost the next run a 412).
 */
const settleVersions = async (baseUrl: string, writers: BlobWriters): Promise<void> => {
  const readAll = () => Promise.all(writers.owners.map((owner) => readBlobVersion(baseUrl, owner)));
  let previous = await readAll();
  for (let attempt = 0; attempt < 40; attempt++) {
    await sleep(250);
    const current = await readAll();
    if (current.every((version, index) => version === previous[index])) break;
    previous = current;
  }
  previous.forEach((version, index) => (writers.versions[index] = version));
};

/**
 * PUT /blob with If-Match. Each in-flight request holds one owner (a slot) and writes that owner's
 * blob with the version it last saw, so concurrent connections are concurrent *users*, never two
 * writers racing on one blob (which would be 412s by design, not load). The versions are re-read
 * before every run: a request cut off at the end of the previous run may still have been written.
 */
export const blobWriteRequests = async (baseUrl: string, writers: BlobWriters, blobBytes: number): Promise<AutocannonRequest[]> => {
  await settleVersions(baseUrl, writers);
  const body = JSON.stringify({ ciphertext: randomBlobCiphertext(blobBytes) });
  const busy = new Set<number>();
  let cursor = 0;
  const claimSlot = (): number => {
    for (let step = 0; step < writers.owners.length; step++) {
      const slot = (cursor + step) % writers.owners.length;
      if (!busy.has(slot)) {
        cursor = slot + 1;
        return slot;
      }
    }
    // More connections than owners: share one (its 412s then show up as non-2xx).
    return cursor++ % writers.owners.length;
  };
  return [
    {
      method: 'PUT',
      path: `${API}/blob`,
      body,
      setupRequest: (request, context) => {
        const slot = claimSlot();
        busy.add(slot);
        context.slot = slot;
        const owner = writers.owners[slot] as BenchAccount;
        return {
          ...request,
          headers: { ...JSON_HEADERS, authorization: `Bearer ${owner.sessionToken}`, 'if-match': `"${writers.versions[slot]}"` },
        };
      },
      onResponse: (status, body, context) => {
        const slot = context.slot as number;
        if (status === 200) writers.versions[slot] = (JSON.parse(body) as { version: number }).version;
        busy.delete(slot);
      },
    },
  ];
};
