/**
 * The packages only the server needs: `optionalDependencies` in package.json, so a client-only
 * install can leave them out (`npm install starbase --omit=optional`).
 */
export const SERVER_PACKAGES = [
  '@fastify/cors',
  '@fastify/helmet',
  '@fastify/rate-limit',
  '@fastify/static',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  'better-sqlite3',
  'fastify',
  'inversify',
  'jose',
  'mongodb',
  'reflect-metadata',
] as const;

const isInstalled = (name: string): boolean => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch (error) {
    // A package that hides its package.json behind `exports` is installed all the same.
    return (error as { code?: unknown }).code !== 'MODULE_NOT_FOUND';
  }
};

/** Throws one clear error naming every missing server package, instead of the first MODULE_NOT_FOUND. */
export const assertServerPackagesInstalled = (): void => {
  const missing = SERVER_PACKAGES.filter((name) => !isInstalled(name));
  if (missing.length > 0) {
    throw new Error(
      `starbase/server needs ${missing.join(', ')}: optional dependencies of starbase that this install left out. ` +
        'Install starbase without --omit=optional (better-sqlite3 needs a compiler where no prebuilt binary fits).',
    );
  }
};
