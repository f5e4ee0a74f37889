#!/usr/bin/env node
'use strict';
// The `starbase` command runs the compiled server: build it first with `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'src', 'infrastructure', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(`starbase: ${entry} is missing; run \`npm run build\` in ${join(__dirname, '..')} first\n`);
  process.exit(1);
}
try {
  require(entry);
} catch (error) {
  // The server's packages are optional dependencies, so a client-only install can leave them out.
  const serverPackages = Object.keys(require('../package.json').optionalDependencies || {});
  const missing = error && error.code === 'MODULE_NOT_FOUND' && serverPackages.find((name) => error.message.includes(`'${name}'`));
  if (!missing) throw error;
  process.stderr.write(`starbase: the server needs ${missing} and the other optional dependencies of starbase, which this install left out; install it without --omit=optional\n`);
  process.exit(1);
}
