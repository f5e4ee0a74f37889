/**
 * The wire format of PROTOCOL §5: TypeBox schemas (validated by the server's routes) and their
 * static types (used by the client gateway). Nothing server-only may be imported here.
 */
export * from './primitives';
export * from './envelope';
export * from './accounts';
export * from './sessions';
export * from './blob';
export * from './store-objects';
export * from './drop-tokens';
export * from './users';
export * from './inbox';
export * from './well-known';
export * from './problem';
