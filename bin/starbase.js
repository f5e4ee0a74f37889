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
  // A partial install (a package removed, an install that failed half-way) gets a name, not a stack trace.
  const serverPackages = Object.keys(require('../package.json').dependencies || {});
  const missing = error && error.code === 'MODULE_NOT_FOUND' && serverPackages.find((name) => error.message.includes(`'${name}'`));
  if (!missing) throw error;
  process.stderr.write(`starbase: the server needs ${missing}, a dependency of starbase missing from this install; reinstall starbase with its dependencies\n`);
  process.exit(1);
}
