import { createServerHarness, expectOk } from './server-harness';

describe('IssueDropToken', () => {
  it('returns a 256-bit base64url secret that is stored only as its SHA-256', async () => {
    const server = createServerHarness();
    await server.register();

    const issued = expectOk(await server.issueDropToken.execute({ name: 'alice' }));

    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await server.storage.dropTokens.findByHash('alice', server.deps.tokenHasher.sha256Hex(issued.token));
    expect(stored).toMatchObject({ id: issued.id, owner: 'alice', uses: 0, lastUsedAt: null });
    expect(JSON.stringify(await server.storage.dropTokens.list('alice'))).not.toContain(issued.token);
  });

  it('issues a different secret every time', async () => {
    const server = createServerHarness();
    await server.register();
    const first = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
    const second = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
    expect(second.token).not.toBe(first.token);
    expect(second.id).not.toBe(first.id);
  });
});

describe('ListDropTokens', () => {
  it('lists the owner’s tokens with their usage, never their hash or secret', async () => {
    const server = createServerHarness();
    await server.register({ name: 'alice' });
    await server.register({ name: 'bob' });
    const issued = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
    expectOk(await server.issueDropToken.execute({ name: 'bob' }));
    server.clock.advance(5000);
    expectOk(await server.dropMessage.execute({ name: 'alice', dropToken: issued.token, envelope: '{"v":1}' }));

    const listed = expectOk(await server.listDropTokens.execute({ name: 'alice' }));

    expect(listed).toEqual([
      { id: issued.id, createdAt: server.clock.now() - 5000, lastUsedAt: server.clock.now(), uses: 1 },
    ]);
  });
});

describe('RevokeDropToken', () => {
  it('makes later drops with the token unauthorized', async () => {
    const server = createServerHarness();
    await server.register();
    const issued = expectOk(await server.issueDropToken.execute({ name: 'alice' }));

    expect(await server.revokeDropToken.execute({ name: 'alice', id: issued.id })).toEqual({ ok: true, value: undefined });

    expect(await server.dropMessage.execute({ name: 'alice', dropToken: issued.token, envelope: '{"v":1}' })).toEqual({
      ok: false,
      error: 'auth/unauthorized',
    });
    expect(expectOk(await server.listDropTokens.execute({ name: 'alice' }))).toEqual([]);
  });

  it('cannot revoke another owner’s token, nor an unknown one', async () => {
    const server = createServerHarness();
    await server.register({ name: 'alice' });
    await server.register({ name: 'bob' });
    const bobs = expectOk(await server.issueDropToken.execute({ name: 'bob' }));

    expect(await server.revokeDropToken.execute({ name: 'alice', id: bobs.id })).toEqual({
      ok: false,
      error: 'drop-token/not-found',
    });
    expect(await server.revokeDropToken.execute({ name: 'alice', id: 'nope' })).toEqual({
      ok: false,
      error: 'drop-token/not-found',
    });
    expect(expectOk(await server.listDropTokens.execute({ name: 'bob' }))).toHaveLength(1);
  });
});
