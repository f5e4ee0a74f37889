import { SESSION_TTL_MS } from '../../../src/domain/home-server/session';
import { anAuthKey } from '../../support/builders';
import { createServerHarness, expectOk } from './server-harness';

const unauthorized = { ok: false, error: 'auth/unauthorized' };

describe('OpenSession', () => {
  it('returns a token valid for at most one hour and records the login time', async () => {
    const server = createServerHarness();
    await server.register();
    const now = server.clock.now();

    const session = expectOk(await server.openSession.execute({ name: 'alice', authKey: anAuthKey() }));

    expect(session.expiresAt).toBe(now + SESSION_TTL_MS);
    expect(await server.authenticateSession.execute({ token: session.token })).toEqual({
      ok: true,
      value: { name: 'alice', jti: expect.any(String) },
    });
    expect((await server.storage.accounts.find('alice'))?.lastSeenAt).toBe(now);
  });

  it('caps a configured lifetime above one hour', async () => {
    const server = createServerHarness({ policy: { sessionTtlMs: 24 * SESSION_TTL_MS } });
    await server.register();
    const session = await server.logIn();
    expect(session.expiresAt).toBe(server.clock.now() + SESSION_TTL_MS);
  });

  it('honours a configured lifetime below one hour', async () => {
    const server = createServerHarness({ policy: { sessionTtlMs: 60_000 } });
    await server.register();
    const session = await server.logIn();
    expect(session.expiresAt).toBe(server.clock.now() + 60_000);
  });

  it('gives each session its own id', async () => {
    const server = createServerHarness();
    await server.register();
    const first = expectOk(await server.authenticateSession.execute({ token: (await server.logIn()).token }));
    const second = expectOk(await server.authenticateSession.execute({ token: (await server.logIn()).token }));
    expect(first.jti).not.toBe(second.jti);
  });

  it('answers the same for an unknown name, a wrong key and a disabled account', async () => {
    const server = createServerHarness();
    await server.register({ name: 'alice', authKey: anAuthKey(1) });
    await server.register({ name: 'carol', authKey: anAuthKey(3) });
    await server.storage.accounts.setDisabled('carol', true);

    expect(await server.openSession.execute({ name: 'nobody', authKey: anAuthKey(1) })).toEqual(unauthorized);
    expect(await server.openSession.execute({ name: 'alice', authKey: anAuthKey(2) })).toEqual(unauthorized);
    expect(await server.openSession.execute({ name: 'alice', authKey: new Uint8Array(5) })).toEqual(unauthorized);
    expect(await server.openSession.execute({ name: 'carol', authKey: anAuthKey(3) })).toEqual(unauthorized);
  });

  it('runs the slow hash for an unknown name too', async () => {
    const server = createServerHarness();
    const verify = server.deps.hasher.verify.bind(server.deps.hasher);
    const verified: string[] = [];
    server.deps.hasher.verify = async (authKey, encoded) => {
      verified.push(encoded);
      return verify(authKey, encoded);
    };

    await server.openSession.execute({ name: 'nobody', authKey: anAuthKey() });
    await server.openSession.execute({ name: 'someone', authKey: anAuthKey() });

    expect(verified).toHaveLength(2);
    expect(verified[1]).toBe(verified[0]);
  });
});

describe('AuthenticateSession', () => {
  it('refuses a tampered or garbage token', async () => {
    const server = createServerHarness();
    await server.register();
    const { token } = await server.logIn();
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');

    expect(await server.authenticateSession.execute({ token: tampered })).toEqual(unauthorized);
    expect(await server.authenticateSession.execute({ token: 'garbage' })).toEqual(unauthorized);
  });

  it('refuses a token once its session has expired', async () => {
    const server = createServerHarness();
    await server.register();
    const { token, expiresAt } = await server.logIn();

    server.clock.set(expiresAt);
    expect(await server.authenticateSession.execute({ token })).toEqual(unauthorized);
  });

  it('refuses a correctly signed token whose session was never recorded', async () => {
    const server = createServerHarness();
    await server.register();
    const forged = await server.deps.signer.sign({ sub: 'alice', jti: 'unrecorded', expiresAt: server.clock.now() + 1000 });
    expect(await server.authenticateSession.execute({ token: forged })).toEqual(unauthorized);
  });

  it('refuses a recorded session presented under another name', async () => {
    const server = createServerHarness();
    await server.register({ name: 'alice' });
    await server.register({ name: 'bob' });
    const { jti } = expectOk(await server.authenticateSession.execute({ token: (await server.logIn('alice')).token }));
    const swapped = await server.deps.signer.sign({ sub: 'bob', jti, expiresAt: server.clock.now() + 1000 });
    expect(await server.authenticateSession.execute({ token: swapped })).toEqual(unauthorized);
  });

  it('refuses the sessions of an account disabled after login', async () => {
    const server = createServerHarness();
    await server.register();
    const { token } = await server.logIn();
    await server.storage.accounts.setDisabled('alice', true);
    expect(await server.authenticateSession.execute({ token })).toEqual(unauthorized);
  });

  it('refuses the sessions of a deleted account', async () => {
    const server = createServerHarness();
    await server.register();
    const { token } = await server.logIn();
    await server.storage.accounts.delete('alice');
    expect(await server.authenticateSession.execute({ token })).toEqual(unauthorized);
  });
});

describe('CloseSession', () => {
  it('stops that token from working, and only that one', async () => {
    const server = createServerHarness();
    await server.register();
    const closing = await server.logIn();
    const other = await server.logIn();
    const { jti } = expectOk(await server.authenticateSession.execute({ token: closing.token }));

    expect(await server.closeSession.execute({ jti })).toEqual({ ok: true, value: undefined });

    expect(await server.authenticateSession.execute({ token: closing.token })).toEqual(unauthorized);
    expect((await server.authenticateSession.execute({ token: other.token })).ok).toBe(true);
  });
});
