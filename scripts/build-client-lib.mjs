#!/usr/bin/env node
// Bundles `starbase/client` for browsers into dist/lib/client-browser.mjs: one ES module with
// Argon2's WASM inlined, so a web project's bundler needs no loader settings for it.
// (Node uses the tsc output, dist/src/infrastructure/library/client-node.js.)
//   node scripts/build-client-lib.mjs [--quiet]
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BROWSER_CLIENT = 'dist/lib/client-browser.mjs';

/** argon2-browser's Emscripten loader mentions fs, path and crypto on its Node code path only. */
const argon2NodePathAsEmpty = {
  name: 'argon2-node-path-as-empty',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(fs|path|crypto)$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}argon2-browser${path.sep}`) ? { path: args.path, namespace: 'empty-builtin' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'empty-builtin' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

export async function buildClientLibrary({ quiet = false } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src/infrastructure/library/client-browser.ts')],
    outfile: path.join(root, BROWSER_CLIENT),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'inline',
    loader: { '.wasm': 'base64' },
    tsconfig: path.join(root, 'tsconfig.json'),
    plugins: [argon2NodePathAsEmpty],
    metafile: true,
    logLevel: 'warning',
  });
  const reachedBuiltins = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports.map((imported) => imported.path))
    .filter((imported) => NODE_BUILTINS.has(imported));
  if (reachedBuiltins.length > 0) throw new Error(`the browser client reaches Node built-ins: ${[...new Set(reachedBuiltins)].join(', ')}`);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  if (!quiet) console.log(`starbase/client (browser) → ${BROWSER_CLIENT}: ${(bytes / 1024).toFixed(1)} KiB`);
  return { bytes, metafile: result.metafile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildClientLibrary({ quiet: process.argv.includes('--quiet') }).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
