import { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { bruteForcePowCaptcha } from '../support/brute-force-pow-captcha';
import { KDF_DEFAULT } from '../../src/domain/protocol/account-rules';

export const API = '/api/v1';

export const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
export const randomB64u = (length: number): string => b64u(randomBytes(length));

/** Random bytes usable as an X25519 public key (bit 255 clear, never a low-order point in practice). */
export const anIdentityKeyB64u = (): string => {
  const key = randomBytes(32);
  key[31] = key[31]! & 0x7f;
  return b64u(key);
};

export const aKdfBody = () => ({ algorithm: 'argon2id' as const, salt: randomB64u(16), ...KDF_DEFAULT });

export const aSealedEnvelope = (ctBytes = 64) => ({ v: 1 as const, epk: anIdentityKeyB64u(), nonce: randomB64u(12), ct: randomB64u(ctBytes) });
export const aMessageEnvelope = (ctBytes = 64) => ({ v: 1 as const, nonce: randomB64u(12), ct: randomB64u(ctBytes) });

export const aRegistrationBody = (name: string, authKey = randomB64u(32)) => ({
  name,
  authKey,
  kdf: aKdfBody(),
  identityKey: anIdentityKeyB64u(),
  blob: { ciphertext: randomB64u(80) },
});

export interface RequestOptions {
  readonly body?: unknown;
  /** Raw bytes sent as they are (set `content-type` yourself); instead of `body`. */
  readonly payload?: Buffer;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

export interface SignedUp {
  readonly name: string;
  readonly authKey: string;
  readonly token: string;
}

/** Calls the app through `inject()`, speaking the wire format like a client would. */
export class HttpTestClient {
  constructor(private readonly app: FastifyInstance) {}

  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD', url: string, options: RequestOptions = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    return this.app.inject({
      method,
      url,
      headers,
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
      ...(options.body === undefined ? {} : { payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
  }

  async register(name: string, authKey = randomB64u(32)): Promise<{ authKey: string; response: LightMyRequestResponse }> {
    const response = await this.request('POST', `${API}/accounts`, { body: aRegistrationBody(name, authKey) });
    return { authKey, response };
  }

  async login(name: string, authKey: string): Promise<LightMyRequestResponse> {
    return this.request('POST', `${API}/sessions`, { body: { name, authKey } });
  }

  /** Registers and logs in, failing loudly if either does not succeed. */
  async signUp(name: string): Promise<SignedUp> {
    const { authKey, response } = await this.register(name);
    if (response.statusCode !== 201) throw new Error(`register ${name}: ${response.statusCode} ${response.body}`);
    const login = await this.login(name, authKey);
    if (login.statusCode !== 201) throw new Error(`login ${name}: ${login.statusCode} ${login.body}`);
    return { name, authKey, token: login.json<{ token: string }>().token };
  }

  async issueDropToken(owner: SignedUp): Promise<{ id: string; token: string }> {
    const response = await this.request('POST', `${API}/drop-tokens`, { token: owner.token, body: {} });
    if (response.statusCode !== 201) throw new Error(`drop token: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  /** Fetches and solves a proof-of-work captcha for `name`. */
  async solvedCaptcha(name: string): Promise<{ id: string; answer: string }> {
    const response = await this.request('GET', `${API}/users/${name}/captcha`);
    const captcha = response.json<{ id: string; kind: string; salt: string; challenge: string; maxNumber: number }>();
    if (captcha.kind !== 'pow') throw new Error('solvedCaptcha needs a pow captcha server');
    return { id: captcha.id, answer: String(bruteForcePowCaptcha(captcha)) };
  }
}

/** Asserts an RFC 9457 problem with the PROTOCOL §3 code. */
export const expectProblem = (response: LightMyRequestResponse, status: number, code: string): Record<string, unknown> => {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json<Record<string, unknown>>();
  expect(body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return body;
};
