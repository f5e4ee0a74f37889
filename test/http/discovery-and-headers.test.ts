import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, expectProblem, HttpTestClient } from './http-test-client';
import { startTestServer, TestServer } from '../support/test-server';
import { DISCOVERY_HEADER } from '../../src/domain/protocol/wire/well-known';

describe('discovery, security headers and CORS', () => {
  let server: TestServer;
  let client: HttpTestClient;

  beforeAll(async () => {
    server = await startTestServer({ config: { registration: 'open', blobBytes: 100_000, envelopeBytes: 4096, inboxItems: 50 } });
    client = new HttpTestClient(server.app);
  });
  afterAll(() => server.close());

  it('announces protocol, API prefix, registration mode, captcha kind and limits', async () => {
    const response = await client.request('GET', '/.well-known/starbase');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      protocol: 'starbase/2',
      api: '/api/v1',
      registration: 'open',
      captcha: 'pow',
      limits: { blobBytes: 100_000, envelopeBytes: 4096, inboxItems: 50, objectBytes: 4194304, storeBytes: 1073741824, fileBytes: 104857600 },
    });
  });

  it('sends a strict content security policy and no-referrer', async () => {
    const response = await client.request('GET', '/.well-known/starbase');
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toMatch(/connect-src [^;]*https:/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('does not reveal the server software and sets no cookie', async () => {
    const response = await client.request('GET', `${API}/accounts/alice/kdf`);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers.server).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers a CORS preflight for any origin with exactly the headers and methods in use, without credentials', async () => {
    const response = await client.request('OPTIONS', `${API}/blob`, {
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type,if-match',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(response.headers['access-control-allow-methods']).split(/, */).sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
    expect(String(response.headers['access-control-allow-headers']).toLowerCase().split(/, */).sort()).toEqual([
      'authorization',
      'content-type',
      'if-match',
    ]);
  });

  it('exposes ETag to cross-origin readers', async () => {
    const response = await client.request('GET', '/.well-known/starbase', { headers: { origin: 'https://elsewhere.example' } });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(String(response.headers['access-control-expose-headers'])).toContain('ETag');
  });

  it('answers unknown routes with a not_found problem', async () => {
    expectProblem(await client.request('GET', `${API}/nothing-here`), 404, 'not_found');
  });

  it('answers an over-long path parameter with a problem, not a 5xx', async () => {
    const response = await client.request('GET', `${API}/users/${'a'.repeat(500)}/profile`);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a malformed URL with a problem, not a 5xx', async () => {
    const response = await client.request('GET', `${API}/users/%E0%A4%A/profile`);
    expectProblem(response, 400, 'validation_failed');
  });
});

describe('web app hosting', () => {
  let server: TestServer;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'starbase-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>starbase</title>');
    writeFileSync(join(webRoot, '.secret'), 'not for you');
    server = await startTestServer({ config: { webRoot } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the built web app at / under the same security headers', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<title>starbase</title>');
    expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('says with the app, also to a HEAD, where its discovery document is: the app asks for it only then', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await server.app.inject({ method, url: '/' });
      expect(response.statusCode).toBe(200);
      expect(response.headers[DISCOVERY_HEADER]).toBe('/.well-known/starbase');
    }
  });

  it('keeps API misses as problems and hides dotfiles', async () => {
    expectProblem(await new HttpTestClient(server.app).request('GET', `${API}/nope`), 404, 'not_found');
    expect((await server.app.inject({ method: 'GET', url: '/.secret' })).statusCode).not.toBe(200);
  });

  it('serves no web app when the directory has none', async () => {
    const bare = await startTestServer({ config: { webRoot: join(webRoot, 'missing') } });
    expectProblem(await new HttpTestClient(bare.app).request('GET', '/'), 404, 'not_found');
    await bare.close();
  });
});
