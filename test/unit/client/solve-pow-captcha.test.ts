import { createHash } from 'node:crypto';
import { createWebCryptoSuite } from '../../../src/adapters/crypto/web-crypto-suite';
import { solvePowCaptcha } from '../../../src/application/client/protocol/solve-pow-captcha';

const challengeFor = (salt: string, n: number): string => createHash('sha256').update(`${salt}${n}`).digest('hex');
const { digest } = createWebCryptoSuite();

describe('solvePowCaptcha', () => {
  it.each([0, 1, 511, 512, 1999, 2000])('finds n = %i', async (n) => {
    expect(await solvePowCaptcha(digest, { salt: 'c0ffee', challenge: challengeFor('c0ffee', n), maxNumber: 2000 })).toBe(n);
  });

  it('reports growing progress and gives up with null past maxNumber', async () => {
    const fractions: number[] = [];
    const answer = await solvePowCaptcha(digest, { salt: 's', challenge: challengeFor('s', 3000), maxNumber: 2000 }, (f) => fractions.push(f));
    expect(answer).toBeNull();
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('accepts an upper-case challenge', async () => {
    expect(await solvePowCaptcha(digest, { salt: 'x', challenge: challengeFor('x', 42).toUpperCase(), maxNumber: 100 })).toBe(42);
  });
});
