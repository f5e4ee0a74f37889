import { createHmac } from 'node:crypto';

const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWT with any header and claims, HMAC-signed (or unsigned for `alg: none`). */
export const forgeJwt = (header: Record<string, unknown>, claims: Record<string, unknown>, key: Uint8Array | null): string => {
  const signingInput = `${part(header)}.${part(claims)}`;
  if (key === null) return `${signingInput}.`;
  const algorithm = header.alg === 'HS512' ? 'sha512' : header.alg === 'HS384' ? 'sha384' : 'sha256';
  return `${signingInput}.${createHmac(algorithm, key).update(signingInput).digest('base64url')}`;
};

/** The claims of a token the server issued (not verified: only for building variations of it). */
export const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
