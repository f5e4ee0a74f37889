import { randomBytes } from 'node:crypto';

/*
 * Accounts, sessions and drop tokens made over the public HTTP API, as a client would. The
 * server sees only bytes: a random authKey, identity key and blob ciphertext are as good as real
 * ones to it, so no Argon2 is needed here.
 */

const API = '/api/v1';

export const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

export interface BenchAccount {
  readonly name: string;
  readonly sessionToken: string;
}

export interface DropToken {
  readonly recipient: string;
  readonly token: string;
}

const call = async (baseUrl: string, method: string, path: string, body: unknown, token?: string, extra: Record<string, string> = {}) => {
  const headers: Record<string, string> = { ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}${API}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text.length > 0 ? (JSON.parse(text) as unknown) : null;
};

const field = (value: unknown, name: string): string => {
  const member = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  if (typeof member !== 'string') throw new Error(`response has no string "${name}": ${JSON.stringify(value).slice(0, 200)}`);
  return member;
};

/** Random bytes the server accepts as an X25519 public key (bit 255 clear, as RFC 7748 encodes one). */
export const anIdentityKey = (): string => {
  const key = randomBytes(32);
  key[31] = (key[31] ?? 0) & 0x7f;
  return b64u(key);
};

/** A blob ciphertext of `bytes` random bytes (what a 12-byte nonce + AES-GCM output looks like to the server). */
export const randomBlobCiphertext = (bytes: number): string => b64u(randomBytes(bytes));

/** Registers `name` (open registration) and logs in. Costs two server-side scrypt hashes. */
export const registerAndLogIn = async (baseUrl: string, name: string, blobBytes = 1024): Promise<BenchAccount> => {
  const authKey = b64u(randomBytes(32));
  await call(baseUrl, 'POST', '/accounts', {
    name,
    authKey,
    kdf: { algorithm: 'argon2id', salt: b64u(randomBytes(16)), memoryKiB: 65536, iterations: 3, parallelism: 1 },
    identityKey: anIdentityKey(),
    blob: { ciphertext: randomBlobCiphertext(blobBytes) },
  });
  const session = await call(baseUrl, 'POST', '/sessions', { name, authKey });
  return { name, sessionToken: field(session, 'token') };
};

export const issueDropToken = async (baseUrl: string, account: BenchAccount): Promise<DropToken> => {
  const issued = await call(baseUrl, 'POST', '/drop-tokens', {}, account.sessionToken);
  return { recipient: account.name, token: field(issued, 'token') };
};

/** Runs `task` over `items` with at most `limit` at a time (scrypt runs in libuv's pool). */
export const mapLimited = async <T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/** `count` accounts named `<prefix>-<i>`, each with `tokensEach` drop tokens. */
export const recipientsWithTokens = async (
  baseUrl: string,
  prefix: string,
  count: number,
  tokensEach: number,
): Promise<DropToken[]> => {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const accounts = await mapLimited(names, 4, (name) => registerAndLogIn(baseUrl, name));
  const tokens = await mapLimited(
    accounts.flatMap((account) => Array.from({ length: tokensEach }, () => account)),
    8,
    (account) => issueDropToken(baseUrl, account),
  );
  return tokens;
};

/** The drop body: `{"envelope":{v,nonce,ct}}` padded with ciphertext to exactly `bytes` bytes of JSON. */
export const dropBody = (bytes: number): string => {
  const frame = (ct: string): string => JSON.stringify({ envelope: { v: 1, nonce: b64u(randomBytes(12)), ct } });
  const overhead = frame('').length;
  // Whole base64url groups only, so the ciphertext decodes to a byte string.
  const ctChars = Math.floor((bytes - overhead) / 4) * 4;
  const body = frame(b64u(randomBytes((ctChars / 4) * 3)));
  return body + ' '.repeat(bytes - body.length);
};

export const dropPath = (recipient: string): string => `${API}/users/${recipient}/drops`;

export const dropOnce = async (baseUrl: string, token: DropToken, body: string): Promise<void> => {
  const response = await fetch(`${baseUrl}${dropPath(token.recipient)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.token}` },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 202) throw new Error(`drop answered ${response.status}`);
};

export { API };
