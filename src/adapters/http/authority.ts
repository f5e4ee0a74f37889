import { FastifyRequest } from 'fastify';
import { validationProblem } from './problem';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*|\[[0-9a-f:.]{2,45}\])(?::([0-9]{1,5}))?$/;

/** PROTOCOL §4.2 canonical authority: lowercase, no default (https) port. */
export const canonicalAuthority = (hostAndPort: string): string | null => {
  const lower = hostAndPort.trim().toLowerCase();
  const match = HOST.exec(lower);
  if (!match) return null;
  return match[1] === '443' ? lower.slice(0, -':443'.length) : lower;
};

/**
 * The authority addresses are formed with: the configured public URL's, or else the Host the
 * client reached us under (one server may answer to several names).
 */
export const authorityResolver = (publicUrl: string | null): ((request: FastifyRequest) => string) => {
  if (publicUrl !== null) {
    const configured = canonicalAuthority(new URL(publicUrl).host);
    if (configured === null) throw new Error(`public URL ${publicUrl} has no usable host`);
    return () => configured;
  }
  return (request) => {
    const authority = canonicalAuthority(request.headers.host ?? '');
    if (authority === null) throw validationProblem('the Host header is missing or not a host[:port]');
    return authority;
  };
};
