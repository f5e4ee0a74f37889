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
require(entry);
