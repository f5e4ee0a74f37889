#!/usr/bin/env node
// Bundles the browser app into dist/web/: hashed JS and CSS, an index.html that pins them with
// Subresource Integrity, and BUILD.json with every file's SHA-256 so anyone can check what they were served.
//   node scripts/build-web.mjs [--entry src/adapters/web/main.tsx] [--outdir dist/web] [--quiet]
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webSource = path.join(root, 'src/adapters/web');

/**
 * The home server sends its own (equal or stricter) policy as a header; this meta copy protects the
 * app when a plain static server hosts it. Home servers are reached over https, or http on loopback
 * only. frame-ancestors cannot be set from a meta tag (the header does it).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** argon2-browser's Emscripten loader mentions fs and path on its Node code path only. */
const nodeBuiltinsAsEmpty = {
  name: 'node-builtins-as-empty',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(fs|path|crypto)$/ }, (args) => ({ path: args.path, namespace: 'empty-builtin' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'empty-builtin' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

/**
 * zxcvbn's common-password and word lists, fetched by the app only when someone chooses a
 * password (src/adapters/web/password-dictionaries.ts). English last names and Wikipedia words
 * are left out: they would double the file for little gain over the common words.
 */
async function writePasswordDictionaries(outputDirectory) {
  const common = await import('@zxcvbn-ts/language-common');
  const english = await import('@zxcvbn-ts/language-en');
  const { 'lastnames-en': _lastnames, 'wikipedia-en': _wikipedia, ...englishWords } = english.dictionary;
  const content = Buffer.from(
    JSON.stringify({ dictionary: { ...common.dictionary, ...englishWords }, graphs: common.adjacencyGraphs, translations: english.translations }),
  );
  const sha256 = createHash('sha256').update(content).digest('hex');
  const file = `password-dictionaries-${sha256.slice(0, 12)}.json`;
  await writeFile(path.join(outputDirectory, file), content);
  return { file, sha256 };
}

/** Tells the app where its password dictionaries are and what they hash to. */
const passwordDictionariesLocation = (location) => ({
  name: 'password-dictionaries-location',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /password-dictionaries-file\.ts$/ }, () => ({
      contents: `export const PASSWORD_DICTIONARIES_FILE = ${JSON.stringify(location)};`,
      loader: 'ts',
    }));
  },
});

function describeFile(content) {
  return {
    sha256: createHash('sha256').update(content).digest('hex'),
    sri: `sha384-${createHash('sha384').update(content).digest('base64')}`,
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
  };
}

const escapeAttribute = (value) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

async function listFiles(directory, prefix = '') {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? listFiles(path.join(directory, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    ),
  );
  return names.flat().sort();
}

export async function buildWeb({ entry = 'src/adapters/web/main.tsx', outdir = 'dist/web', quiet = false } = {}) {
  const outputDirectory = path.resolve(root, outdir);
  await rm(outputDirectory, { recursive: true, force: true });
  await mkdir(outputDirectory, { recursive: true });
  const passwordDictionaries = await writePasswordDictionaries(outputDirectory);

  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: path.resolve(root, entry), styles: path.join(webSource, 'styles/app.css') },
    outdir: outputDirectory,
    entryNames: '[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    loader: { '.wasm': 'base64' },
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: path.join(root, 'tsconfig.json'),
    plugins: [nodeBuiltinsAsEmpty, passwordDictionariesLocation(passwordDictionaries)],
    metafile: true,
    logLevel: 'warning',
  });

  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outputDirectory, path.resolve(root, file)));
  const script = outputs.find((name) => name.endsWith('.js'));
  const stylesheet = outputs.find((name) => name.endsWith('.css'));
  if (!script || !stylesheet) throw new Error('esbuild produced no JavaScript or no CSS bundle');

  await copyFile(path.join(webSource, 'static/icon.svg'), path.join(outputDirectory, 'icon.svg'));

  const sriOf = async (name) => describeFile(await readFile(path.join(outputDirectory, name))).sri;
  const template = await readFile(path.join(webSource, 'index.html'), 'utf8');
  const html = template
    .replace('{{csp}}', escapeAttribute(CONTENT_SECURITY_POLICY))
    .replace('{{icon}}', './icon.svg')
    .replace(
      '{{stylesheet}}',
      `<link rel="stylesheet" href="./${stylesheet}" integrity="${await sriOf(stylesheet)}" crossorigin="anonymous" />`,
    )
    .replace(
      '{{script}}',
      `<script type="module" src="./${script}" integrity="${await sriOf(script)}" crossorigin="anonymous"></script>`,
    );
  await writeFile(path.join(outputDirectory, 'index.html'), html);

  const files = {};
  for (const name of await listFiles(outputDirectory)) {
    files[name] = describeFile(await readFile(path.join(outputDirectory, name)));
  }
  const totals = Object.values(files).reduce(
    (sum, file) => ({ bytes: sum.bytes + file.bytes, gzipBytes: sum.gzipBytes + file.gzipBytes }),
    { bytes: 0, gzipBytes: 0 },
  );
  const report = { files, totals, script, stylesheet };
  await writeFile(path.join(outputDirectory, 'BUILD.json'), `${JSON.stringify(report, null, 2)}\n`);

  if (!quiet) printReport(outdir, report);
  return { outputDirectory, ...report };
}

function printReport(outdir, { files, totals, script }) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`starbase web bundle → ${outdir}/`);
  for (const [name, file] of Object.entries(files)) {
    console.log(`  ${name.padEnd(28)} ${kib(file.bytes).padStart(10)} raw ${kib(file.gzipBytes).padStart(10)} gzip  sha256 ${file.sha256}`);
  }
  console.log(`  ${'total'.padEnd(28)} ${kib(totals.bytes).padStart(10)} raw ${kib(totals.gzipBytes).padStart(10)} gzip`);
  console.log(`Bundle SHA-256 (${script}): ${files[script].sha256}`);
  console.log(`index.html SHA-256 (pins the app through SRI, and the app pins the password dictionaries by SHA-256): ${files['index.html'].sha256}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { entry: { type: 'string' }, outdir: { type: 'string' }, quiet: { type: 'boolean', default: false } },
  });
  buildWeb({ entry: values.entry, outdir: values.outdir, quiet: values.quiet }).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
