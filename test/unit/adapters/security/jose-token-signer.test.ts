import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { JoseTokenSigner } from '../../../../src/adapters/security/jose-token-signer';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { FakeClock } from '../../../support/fakes';

describe('JoseTokenSigner', () => {
  const clock = new FakeClock();
  const secrets = createMemoryStorage().secrets;
  const signer = new JoseTokenSigner(secrets, clock, { issuer: 'test-issuer' });
  const claims = () => ({ sub: 'alice', jti: 'jti-1', expiresAt: clock.now() + 60 * 60 * 1000 });

  it('round-trips its own tokens', async () => {
    const token = await signer.sign(claims());
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    expect(await signer.verify(token)).toEqual(claims());
  });

  it('rejects expired tokens', async () => {
    const token = await signer.sign(claims());
    clock.advance(60 * 60 * 1000 + 1000);
    expect(await signer.verify(token)).toBeNull();
  });

  it('refuses a token it verified before once its time is up', async () => {
    const token = await signer.sign(claims());
    expect(await signer.verify(token)).toEqual(claims());
    clock.advance(60 * 60 * 1000 - 1000);
    expect(await signer.verify(token)).not.toBeNull();
    clock.advance(1000);
    expect(await signer.verify(token)).toBeNull();
  });

  it('verifies afresh a token that differs by one character from one it verified before', async () => {
    const token = await signer.sign(claims());
    expect(await signer.verify(token)).not.toBeNull();
    // Not the last character: its low two bits are base64url padding, so some changes there spell the same signature.
    const at = token.length - 2;
    const changed = token[at] === 'A' ? 'B' : 'A';
    expect(await signer.verify(`${token.slice(0, at)}${changed}${token.slice(at + 1)}`)).toBeNull();
    const [header, , signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: 'mallory' })).toString('base64url');
    expect(await signer.verify(`${header}.${otherPayload}.${signature}`)).toBeNull();
  });

  it('refuses to sign tokens that live longer than an hour', async () => {
    await expect(signer.sign({ ...claims(), expiresAt: clock.now() + 2 * 60 * 60 * 1000 })).rejects.toThrow();
  });

  it('keeps its key in the secret store, so another instance (a restart) accepts its tokens', async () => {
    const token = await signer.sign(claims());
    const restarted = new JoseTokenSigner(secrets, clock, { issuer: 'test-issuer' });
    expect(await restarted.verify(token)).not.toBeNull();
    const otherServer = new JoseTokenSigner(createMemoryStorage().secrets, clock, { issuer: 'test-issuer' });
    expect(await otherServer.verify(token)).toBeNull();
  });

  it('rejects another audience, another issuer, alg none and garbage', async () => {
    const key = await secrets.getOrCreate('session-signing-key', () => new Uint8Array(32));
    const now = Math.floor(clock.now() / 1000);
    const base = () => new SignJWT({}).setSubject('alice').setJti('j').setIssuedAt(now).setExpirationTime(now + 60);
    const wrongAudience = await base().setProtectedHeader({ alg: 'HS256' }).setAudience('other').setIssuer('test-issuer').sign(key);
    const wrongIssuer = await base().setProtectedHeader({ alg: 'HS256' }).setAudience('starbase/1').setIssuer('evil').sign(key);
    const hs512 = await base().setProtectedHeader({ alg: 'HS512' }).setAudience('starbase/1').setIssuer('test-issuer').sign(new Uint8Array(64).fill(1));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'alice', jti: 'j', aud: 'starbase/1', iss: 'test-issuer', iat: now, exp: now + 60 })).toString('base64url')}.`;
    for (const token of [wrongAudience, wrongIssuer, hs512, unsigned, 'garbage', '']) {
      expect(await signer.verify(token)).toBeNull();
    }
  });
});
