import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedOwner } from '../../application/server/authenticate-session';
import { Result } from '../../domain/protocol/result';
import { unauthorizedProblem } from './problem';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session preHandler on owner routes. */
    owner: AuthenticatedOwner | null;
  }
}

export interface SessionAuthenticator {
  execute(input: { token: string }): Promise<Result<AuthenticatedOwner, 'auth/unauthorized'>>;
}

/** The bearer token of the Authorization header: null when there is no header, a problem when it is malformed. */
export const bearerToken = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  if (!match?.[1]) throw unauthorizedProblem('The Authorization header must be "Bearer <token>".');
  return match[1];
};

/**
 * Owner routes, checked in onRequest so no body of a stranger is ever parsed. Tokens only ever
 * come from the Authorization header, never from the URL.
 */
export const sessionHook =
  (authenticate: SessionAuthenticator) =>
  async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (token === null) throw unauthorizedProblem();
    const result = await authenticate.execute({ token });
    if (!result.ok) throw unauthorizedProblem('The session token is invalid, expired or revoked.');
    request.owner = result.value;
  };

export const ownerOf = (request: FastifyRequest): AuthenticatedOwner => {
  if (!request.owner) throw new Error('owner route without the session preHandler');
  return request.owner;
};
