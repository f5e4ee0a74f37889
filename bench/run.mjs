#!/usr/bin/env node
// `npm run bench`: bundles the bench entries and the home server with esbuild into
// bench-output/build/ (so nothing depends on dist/ or a TypeScript loader), then runs the bench.
//   node bench/run.mjs [--quick] [--only=drops,inbox] [--cpu-prof]
//   node bench/run.mjs --only=files [--quick]   (issue 15: files in Chromium between two servers)
//   node bench/run.mjs --store [--quick]   (issue 14: v1 blob against v2 user store, sync and log-in)
//   node bench/run.mjs --request-path [--storage=memory|sqlite] [--requests=N] [--concurrency=C] [--drops-only | --inbox-only] [--cpu-prof]
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'bench-output', 'build');

const ENTRIES = {
  main: 'bench/main.ts',
  'request-path': 'bench/request-path.ts',
  'store-bench': 'bench/store-bench.ts',
  'raw-ceiling-server': 'bench/server/raw-ceiling-server.ts',
  'http-layer-server': 'bench/server/http-layer-server.ts',
  'raw-file-server': 'bench/files/raw-file-server.ts',
  'starbase-server': 'src/infrastructure/main.ts',
};

await mkdir(outdir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // npm packages stay in node_modules (better-sqlite3 is native, argon2-browser loads its own .wasm).
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

// --expose-gc: the sync-growth bench collects garbage between samples so one size's garbage is
// not billed to the next.
const args = process.argv.slice(2);
const requestPath = args.includes('--request-path');
const profileFlags = requestPath && args.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench-output', 'profiles')}`] : [];
const store = args.includes('--store');
const entry = path.join(outdir, requestPath ? 'request-path.js' : store ? 'store-bench.js' : 'main.js');
const child = spawn(process.execPath, ['--expose-gc', ...profileFlags, entry, ...args], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
