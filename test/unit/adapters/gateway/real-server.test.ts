import { createHash, randomBytes } from 'node:crypto';
import { anIdentityKeyB64u } from '../../../http/http-test-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { TEST_SCRYPT_COST } from '../../../../src/adapters/security/scrypt-auth-key-hasher';
import { HomeServerGateway, InboxEvent } from '../../../../src/application/ports/home-server-gateway';
import type { PowCaptchaBody } from '../../../../src/domain/protocol/wire';
import { loadConfig } from '../../../../src/infrastructure/config';
import { ComposedServer, composeServer } from '../../../../src/infrastructure/compose-server';
import { kdfBody, messageEnvelope, sealedEnvelope } from './wire-samples';

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

const solve = (captcha: PowCaptchaBody): number => {
  for (let n = 0; n <= captcha.maxNumber; n++) {
    if (createHash('sha256').update(`${captcha.salt}${n}`).digest('hex') === captcha.challenge) return n;
  }
  throw new Error('unsolvable captcha');
};

/** The gateway against the real home server (memory storage): the wire formats must agree. */
describe('FetchHomeServerGateway against the real home server', () => {
  let dataDir: string;
  let server: ComposedServer;
  let gateway: HomeServerGateway;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'starbase-gateway-'));
    const config = loadConfig({
      STARBASE_STORAGE: 'memory',
      STARBASE_CAPTCHA: 'pow',
      STARBASE_RATE_LIMITS: 'off',
      STARBASE_LOG_LEVEL: 'silent',
      STARBASE_DATA_DIR: dataDir,
    });
    server = await composeServer(config, { scryptCost: TEST_SCRYPT_COST, powMaxNumber: 200, eventsHeartbeatMs: 50 });
    const app = await server.httpApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    gateway = new FetchHomeServerGateway(`127.0.0.1:${port}`, { allowHttp: true });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const register = async (name: string) => {
    const authKey = random(32);
    const registered = await gateway.register({
      name,
      authKey,
      kdf: { ...kdfBody, salt: random(16) },
      identityKey: anIdentityKeyB64u(),
      blob: { ciphertext: random(60) },
    });
    expect(registered.ok).toBe(true);
    const session = await gateway.openSession({ name, authKey });
    if (!session.ok) throw new Error(`no session: ${session.error.code}`);
    return { authKey, session: session.value.token };
  };

  it('discovers a version 2 server and its store limits (the version 1 client accepts them)', async () => {
    const found = await gateway.discover();
    expect(found.ok && found.value.protocol).toBe('starbase/2');
    expect(found.ok && found.value.limits).toMatchObject({ objectBytes: expect.any(Number), storeBytes: expect.any(Number), fileBytes: expect.any(Number) });
  });

  it('registers, logs in, versions the blob and refuses a stale write', async () => {
    const { session } = await register('alice');
    const read = await gateway.readBlob(session);
    if (!read.ok) throw new Error(read.error.code);
    const written = await gateway.writeBlob(session, { expectedVersion: read.value.version, ciphertext: random(60) });
    expect(written).toEqual({ ok: true, value: { version: read.value.version + 1 } });
    const stale = await gateway.writeBlob(session, { expectedVersion: read.value.version, ciphertext: random(60) });
    expect(!stale.ok && stale.error).toMatchObject({ code: 'version_conflict', currentVersion: read.value.version + 1 });
    const again = await gateway.register({
      name: 'alice',
      authKey: random(32),
      kdf: kdfBody,
      identityKey: anIdentityKeyB64u(),
      blob: { ciphertext: random(60) },
    });
    expect(!again.ok && again.error).toMatchObject({ code: 'name_taken', status: 409 });
  });

  it('delivers a friend request and a drop, streams events, pages the inbox and acks', async () => {
    const bob = await register('bob');
    const controller = new AbortController();
    const opened = await gateway.openInboxEvents(bob.session, controller.signal);
    if (!opened.ok) throw new Error(opened.error.code);
    const events: InboxEvent[] = [];
    const listening = (async () => {
      for await (const event of opened.value) {
        events.push(event);
        if (events.length === 2) controller.abort();
      }
    })();

    const captcha = await gateway.getCaptcha('bob');
    if (!captcha.ok || captcha.value.kind !== 'pow') throw new Error('expected a pow captcha');
    const request = await gateway.sendFriendRequest('bob', {
      captcha: { id: captcha.value.id, answer: solve(captcha.value) },
      envelope: { ...sealedEnvelope, epk: random(32) },
    });
    expect(request.ok).toBe(true);

    const token = await gateway.createDropToken(bob.session);
    if (!token.ok) throw new Error(token.error.code);
    expect((await gateway.drop('bob', token.value.token, { envelope: messageEnvelope })).ok).toBe(true);
    expect(await gateway.drop('bob', 'not-a-real-token-AAAAAAAAAAAA', { envelope: messageEnvelope })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });

    await listening;
    expect(events.map((event) => event.type)).toEqual(['inbox', 'inbox']);
    expect(await opened.value.ended).toEqual({ reason: 'aborted' });

    const first = await gateway.listInbox(bob.session, { limit: 1 });
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.items.map((item) => item.kind)).toEqual(['friend-request']);
    const rest = await gateway.listInbox(bob.session, { after: first.value.next ?? undefined });
    if (!rest.ok) throw new Error(rest.error.code);
    expect(rest.value.items.map((item) => [item.kind, item.tokenId])).toEqual([['drop', token.value.id]]);
    const ids = [...first.value.items, ...rest.value.items].map((item) => item.id);
    expect(await gateway.ackInbox(bob.session, ids)).toEqual({ ok: true, value: { deleted: 2 } });
    expect(await gateway.ackInbox(bob.session, ids)).toEqual({ ok: true, value: { deleted: 0 } });

    const tokens = await gateway.listDropTokens(bob.session);
    expect(tokens.ok && tokens.value.map((entry) => entry.uses)).toEqual([1]);
    expect((await gateway.revokeDropToken(bob.session, token.value.id)).ok).toBe(true);
  });

  it('ends the session on logout', async () => {
    const { session } = await register('carol');
    expect(await gateway.closeSession(session)).toEqual({ ok: true, value: undefined });
    const read = await gateway.readBlob(session);
    expect(!read.ok && read.error.code).toBe('unauthorized');
  });

  it('gets profiles, KDF parameters, updates the account and deletes it', async () => {
    const { authKey, session } = await register('dave');
    const profile = await gateway.getProfile('dave');
    expect(profile.ok && profile.value.openInbox).toBe(false);
    expect((await gateway.getKdfParams('dave')).ok).toBe(true);
    expect((await gateway.getKdfParams('nobody-here')).ok).toBe(true);
    const updated = await gateway.updateAccount(session, { openInbox: true });
    expect(updated.ok && updated.value.openInbox).toBe(true);
    expect(await gateway.deleteAccount(session, { authKey })).toEqual({ ok: true, value: undefined });
    const gone = await gateway.getProfile('dave');
    expect(!gone.ok && gone.error.code).toBe('not_found');
  });
});
