#!/usr/bin/env node
// `npm pack` / `npm publish` run this first: a clean build of everything the package ships —
// the server and the Node client (tsc, with type declarations), the browser client bundle and
// the web app. Stale output of renamed sources must not end up in the tarball, hence the rm.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClientLibrary } from './build-client-lib.mjs';
import { buildWeb } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const output of ['dist/src', 'dist/lib']) rmSync(path.join(root, output), { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
await buildClientLibrary({ quiet: true });
await buildWeb({ quiet: true });
