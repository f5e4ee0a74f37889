import { ComposedServer } from '../../src/infrastructure/compose-server';

/**
 * Swaps a composed server's drop use case for one that accepts at once, storing nothing: what is
 * left of `POST /users/{name}/drops` is the HTTP layer every request goes through (Fastify, the
 * security headers and CORS, the slow-body deadline, the route's hooks and schemas, the error
 * handling). Measured beside the raw route and the real drop, it splits a drop's cost between that
 * layer and the use case with its storage. The routes read the use case at request time, so the swap
 * takes effect on an app already built.
 */
export const acceptDropsAtOnce = (server: ComposedServer): void => {
  let next = 0;
  const instant: Pick<ComposedServer['useCases']['dropMessage'], 'execute'> = {
    execute: async () => ({ ok: true, value: { id: `instant-${(next++).toString(36).padStart(12, '0')}` } }),
  };
  Object.assign(server.useCases, { dropMessage: instant });
};
