import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { FakeHomeServer, json, noContent, requireBearer } from './fake-home-server';
import {
  b64u,
  discoveryBody,
  DROP_TOKEN,
  inboxItem,
  kdfBody,
  messageEnvelope,
  sealedEnvelope,
  SESSION,
} from './wire-samples';

describe('FetchHomeServerGateway calls', () => {
  let server: FakeHomeServer;
  let gateway: HomeServerGateway;

  beforeEach(async () => {
    server = await FakeHomeServer.start();
    gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true });
  });
  afterEach(() => server.close());

  it('discovers the server through the well-known document', async () => {
    server.route('GET', '/.well-known/starbase', json(200, discoveryBody));
    expect(await gateway.discover()).toEqual({ ok: true, value: discoveryBody });
  });

  it('reads KDF parameters of a name, percent-encoding it into the path', async () => {
    server.route('GET', '/api/v1/accounts/a%2Fb/kdf', json(200, kdfBody));
    expect(await gateway.getKdfParams('a/b')).toEqual({ ok: true, value: kdfBody });
  });

  it('registers with the request as JSON and returns the address', async () => {
    server.route('POST', '/api/v1/accounts', (request, response) => {
      const body = JSON.parse(request.body) as { name: string };
      const sentAsJson = request.headers['content-type'] === 'application/json';
      return json(sentAsJson ? 201 : 415, { address: `${body.name}@${server.authority}` })(request, response);
    });
    const registered = await gateway.register({
      name: 'alice',
      authKey: b64u(32),
      kdf: kdfBody,
      identityKey: b64u(32),
      blob: { ciphertext: b64u(40) },
    });
    expect(registered).toEqual({ ok: true, value: { address: `alice@${server.authority}` } });
  });

  it('opens a session and closes it with the token as bearer', async () => {
    server.route('POST', '/api/v1/sessions', json(201, { token: SESSION, expiresAt: 1_700_000_360_000 }));
    server.route('DELETE', '/api/v1/sessions/current', requireBearer(SESSION, noContent));
    const opened = await gateway.openSession({ name: 'alice', authKey: b64u(32) });
    expect(opened).toEqual({ ok: true, value: { token: SESSION, expiresAt: 1_700_000_360_000 } });
    expect(await gateway.closeSession(SESSION)).toEqual({ ok: true, value: undefined });
    expect((await gateway.closeSession('another-token')).ok).toBe(false);
  });

  it('updates, re-keys and deletes the account', async () => {
    const view = { name: 'alice', address: 'alice@x', identityKey: b64u(32), openInbox: true, createdAt: 1 };
    server.route('PATCH', '/api/v1/account', requireBearer(SESSION, json(200, view)));
    server.route('PUT', '/api/v1/account/credentials', requireBearer(SESSION, json(200, { version: 8 })));
    server.route('DELETE', '/api/v1/account', requireBearer(SESSION, noContent));
    expect(await gateway.updateAccount(SESSION, { openInbox: true })).toEqual({ ok: true, value: view });
    const changed = await gateway.changeCredentials(SESSION, {
      currentAuthKey: b64u(32),
      authKey: b64u(32, 'B'),
      kdf: kdfBody,
      blob: { version: 7, ciphertext: b64u(40) },
    });
    expect(changed).toEqual({ ok: true, value: { version: 8 } });
    expect(await gateway.deleteAccount(SESSION, { authKey: b64u(32) })).toEqual({ ok: true, value: undefined });
    expect(JSON.parse(server.last('DELETE', '/api/v1/account').body)).toEqual({ authKey: b64u(32) });
  });

  it('creates, lists and revokes drop tokens', async () => {
    const listed = [{ id: 'tok-1', createdAt: 5, lastUsedAt: null, uses: 0 }];
    server.route('POST', '/api/v1/drop-tokens', requireBearer(SESSION, json(201, { id: 'tok-1', token: b64u(16, 't') })));
    server.route('GET', '/api/v1/drop-tokens', requireBearer(SESSION, json(200, listed)));
    server.route('DELETE', '/api/v1/drop-tokens/tok-1', requireBearer(SESSION, noContent));
    expect(await gateway.createDropToken(SESSION)).toEqual({ ok: true, value: { id: 'tok-1', token: b64u(16, 't') } });
    expect(server.last('POST', '/api/v1/drop-tokens').body).toBe('{}');
    expect(await gateway.listDropTokens(SESSION)).toEqual({ ok: true, value: listed });
    expect(await gateway.revokeDropToken(SESSION, 'tok-1')).toEqual({ ok: true, value: undefined });
  });

  it('fetches a profile and either kind of captcha', async () => {
    const profile = { address: 'bob@x', identityKey: b64u(32), openInbox: false };
    const image = { id: 'c1', kind: 'image', image: 'data:image/png;base64,iVBOR', expiresAt: 9 };
    const pow = {
      id: 'c2',
      kind: 'pow',
      algorithm: 'SHA-256',
      salt: 'salt',
      challenge: 'a'.repeat(64),
      maxNumber: 100000,
      expiresAt: 9,
    };
    server.route('GET', '/api/v1/users/bob/profile', json(200, profile));
    server.route('GET', '/api/v1/users/bob/captcha', json(200, image), json(200, pow));
    expect(await gateway.getProfile('bob')).toEqual({ ok: true, value: profile });
    expect(await gateway.getCaptcha('bob')).toEqual({ ok: true, value: image });
    expect(await gateway.getCaptcha('bob')).toEqual({ ok: true, value: pow });
  });

  it('sends a friend request with its solved captcha, without any Authorization', async () => {
    server.route('POST', '/api/v1/users/bob/friend-requests', (request, response) =>
      json(request.headers.authorization === undefined ? 202 : 400, { id: 'item-1' })(request, response),
    );
    const sent = await gateway.sendFriendRequest('bob', { captcha: { id: 'c2', answer: 42 }, envelope: sealedEnvelope });
    expect(sent).toEqual({ ok: true, value: { id: 'item-1' } });
    expect(JSON.parse(server.last('POST', '/api/v1/users/bob/friend-requests').body)).toEqual({
      captcha: { id: 'c2', answer: 42 },
      envelope: sealedEnvelope,
    });
  });

  it('drops with the drop token as bearer, or with none for an open inbox', async () => {
    server.route('POST', '/api/v1/users/bob/drops', (request, response) =>
      json(202, { id: request.headers.authorization === `Bearer ${DROP_TOKEN}` ? 'with-token' : 'open' })(
        request,
        response,
      ),
    );
    expect(await gateway.drop('bob', DROP_TOKEN, { envelope: messageEnvelope })).toEqual({
      ok: true,
      value: { id: 'with-token' },
    });
    expect(await gateway.drop('bob', null, { envelope: sealedEnvelope })).toEqual({ ok: true, value: { id: 'open' } });
  });

  it('pages through the inbox with after and limit, then acknowledges', async () => {
    server.route('GET', '/api/v1/inbox', (request, response) => {
      const after = request.query.get('after');
      const page =
        after === null
          ? { items: [inboxItem('i1')], next: 'cursor-1' }
          : { items: [{ ...inboxItem('i2', sealedEnvelope), kind: 'friend-request', tokenId: null }], next: null };
      return requireBearer(SESSION, json(200, page))(request, response);
    });
    server.route('POST', '/api/v1/inbox/ack', requireBearer(SESSION, json(200, { deleted: 2 })));

    const first = await gateway.listInbox(SESSION, { limit: 1 });
    expect(first.ok && first.value.next).toBe('cursor-1');
    expect(server.last('GET', '/api/v1/inbox').query.get('limit')).toBe('1');
    const second = await gateway.listInbox(SESSION, { after: 'cursor-1', limit: 1 });
    expect(second.ok && second.value).toEqual({
      items: [{ ...inboxItem('i2', sealedEnvelope), kind: 'friend-request', tokenId: null }],
      next: null,
    });
    expect(await gateway.ackInbox(SESSION, ['i1', 'i2'])).toEqual({ ok: true, value: { deleted: 2 } });
    expect(JSON.parse(server.last('POST', '/api/v1/inbox/ack').body)).toEqual({ ids: ['i1', 'i2'] });
  });
});
