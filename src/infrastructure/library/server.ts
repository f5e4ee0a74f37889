/*
 * `starbase/server`: the home server's composition root, for embedding it in another Node program.
 * It needs the server's packages (fastify, storage drivers…), which a client-only install omits.
 */
import './server-packages-present';

export { composeServer } from '../compose-server';
export type { ComposedServer } from '../compose-server';
export { ConfigError, loadConfig } from '../config';
export type { StarbaseConfig } from '../config';
export type { ServerOverrides } from '../server-overrides';
