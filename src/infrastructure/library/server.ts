/*
 * `starbase/server`: the home server's composition root, for embedding it in another Node program.
 * It needs the server's packages (fastify, storage drivers…), which a client-only install omits.
 */
import './server-packages-present';

export { createStarbaseServer } from '../server';
export type { StarbaseServer } from '../server';
export { ConfigError, loadConfig } from '../config';
export type { StarbaseConfig } from '../config';
export type { ContainerOverrides } from '../container';
