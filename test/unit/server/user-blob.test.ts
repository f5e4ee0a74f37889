import { AccountEvent } from '../../../src/application/ports/inbox-notifier';
import { aCiphertext } from '../../support/builders';
import { createServerHarness, expectOk } from './server-harness';

describe('WriteUserBlob and ReadUserBlob', () => {
  it('writes version + 1 when If-Match names the current version', async () => {
    const server = createServerHarness();
    await server.register();

    const written = await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(80, 2) });

    expect(written).toEqual({ ok: true, value: { version: 2 } });
    expect(await server.readUserBlob.execute({ name: 'alice' })).toEqual({
      ok: true,
      value: { version: 2, ciphertext: aCiphertext(80, 2) },
    });
  });

  it('refuses a stale version and tells the current one', async () => {
    const server = createServerHarness();
    await server.register();
    expectOk(await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(10, 2) }));

    const stale = await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(10, 3) });

    expect(stale).toEqual({ ok: false, error: { code: 'blob/version-conflict', currentVersion: 2 } });
    expect(expectOk(await server.readUserBlob.execute({ name: 'alice' })).ciphertext).toEqual(aCiphertext(10, 2));
  });

  it('announces each new version to the account, naming the writing session, and nothing for a refused write', async () => {
    const server = createServerHarness();
    await server.register();
    const heard: AccountEvent[] = [];
    server.notifier.subscribe('alice', (event) => heard.push(event));

    expectOk(await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(10, 2) }));
    await server.writeUserBlob.execute({ name: 'alice', session: 'jti-2', ifMatch: 1, ciphertext: aCiphertext(10, 3) });

    expect(heard).toEqual([{ kind: 'blob', version: 2, origin: 'jti-1' }]);
  });

  it('requires If-Match', async () => {
    const server = createServerHarness();
    await server.register();
    const result = await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: null, ciphertext: aCiphertext() });
    expect(result).toEqual({ ok: false, error: 'blob/precondition-required' });
  });

  it('refuses a blob above the size quota and accepts one exactly at it', async () => {
    const server = createServerHarness({ policy: { blobBytes: 100 } });
    await server.register();

    expect(await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(101) })).toEqual({
      ok: false,
      error: 'blob/too-large',
    });
    expect(await server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(100) })).toEqual({
      ok: true,
      value: { version: 2 },
    });
  });

  it('lets exactly one of two concurrent writes from the same version win', async () => {
    const server = createServerHarness();
    await server.register();

    const results = await Promise.all([
      server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(10, 4) }),
      server.writeUserBlob.execute({ name: 'alice', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext(10, 5) }),
    ]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(expectOk(await server.readUserBlob.execute({ name: 'alice' })).version).toBe(2);
  });

  it('answers account/not-found for an account that no longer exists', async () => {
    const server = createServerHarness();
    expect(await server.readUserBlob.execute({ name: 'ghost' })).toEqual({ ok: false, error: 'account/not-found' });
    expect(await server.writeUserBlob.execute({ name: 'ghost', session: 'jti-1', ifMatch: 1, ciphertext: aCiphertext() })).toEqual({
      ok: false,
      error: 'account/not-found',
    });
  });
});
