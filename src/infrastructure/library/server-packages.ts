/**
 * The dependencies only the server needs. They are ordinary dependencies: npm silently skips an
 * optional dependency whose own dependencies declare a newer Node (Fastify's do, on Node 20), which
 * would leave a server install without its server. A client-only install can skip the native build
 * with `--ignore-scripts`; a missing package is still named here rather than failing deep inside.
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
      `starbase/server needs ${missing.join(', ')}: dependencies of starbase missing from this install. ` +
        'Reinstall starbase with its dependencies (better-sqlite3 needs a compiler where no prebuilt binary fits).',
    );
  }
};
