/**
 * Layer rules: the architecture is the folder tree, and this keeps it honest. Every adapter folder
 * is in exactly one of the lists below; a new folder fails `adapter-folder-is-classified` until it
 * is placed.
 */
const SERVER_ADAPTERS = ['captcha', 'http', 'security', 'storage', 'system'];
/** Client adapters that run in the browser as they are (and in Node, which has the same web APIs). */
const BROWSER_ADAPTERS = ['crypto', 'gateway', 'local-store', 'time', 'web'];
/** Client adapters that need Node (the Argon2 WASM loader) or exist for cross-checks and benchmarks. */
const NODE_CLIENT_ADAPTERS = ['crypto-node'];
/** Adapters both sides use (browser-safe, importing neither side's code): none yet. */
const SHARED_ADAPTERS = [];
/** npm packages the browser bundle may contain: no Node built-ins behind them. */
const BROWSER_PACKAGES = ['@sinclair/typebox', 'argon2-browser', 'hash-wasm', 'preact', '@zxcvbn-ts/[^/]+', 'qrcode-generator'];

const anyOf = (names) => `(${names.join('|')})`;
const ADAPTERS = [...SERVER_ADAPTERS, ...BROWSER_ADAPTERS, ...NODE_CLIENT_ADAPTERS, ...SHARED_ADAPTERS];

const SERVER = `^src/(domain/home-server/|application/server/|adapters/${anyOf(SERVER_ADAPTERS)}/|infrastructure/(?!library/client-))`;
const CLIENT = `^src/(domain/messaging/|application/client/|adapters/${anyOf([...BROWSER_ADAPTERS, ...NODE_CLIENT_ADAPTERS])}/|infrastructure/library/client-)`;
/** What the browser bundle may be made of: the domain, the client application, its ports, browser adapters. */
const BROWSER = `^src/(domain/|application/(client|ports)/|adapters/${anyOf([...BROWSER_ADAPTERS, ...SHARED_ADAPTERS])}/|infrastructure/library/client-(?!node))`;
const SHARED = `^src/(domain/protocol/|adapters/${anyOf(SHARED_ADAPTERS)}/)`;
const UNCLASSIFIED = `^src/(adapters/(?!${anyOf(ADAPTERS)}/)|application/(?!(client|server|ports)/)|domain/(?!(protocol|home-server|messaging)/))`;

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing but domain/ (no application, adapters, infrastructure, node or npm modules)',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '^src/domain/protocol/wire/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'protocol-is-self-contained',
      comment: 'domain/protocol is what server and client share: it imports only itself, and its wire schemas TypeBox',
      severity: 'error',
      from: { path: '^src/domain/protocol/' },
      to: { pathNot: '^(src/domain/protocol/|node_modules/@sinclair/typebox/)' },
    },
    {
      name: 'application-has-no-adapters',
      comment: 'application/ depends on domain/ and its own ports only',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { path: '^src/(adapters|infrastructure)/' },
    },
    {
      name: 'application-has-no-packages',
      comment: 'application/ is plain TypeScript: no npm package, no node: built-in (adapters bring those)',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: '^src/' },
    },
    {
      name: 'shared-code-is-shared',
      comment: 'domain/protocol and the shared adapters import neither server nor client code',
      severity: 'error',
      from: { path: SHARED },
      to: { path: `${SERVER}|${CLIENT}` },
    },
    {
      name: 'server-never-imports-client',
      comment: 'includes domain/home-server never importing domain/messaging',
      severity: 'error',
      from: { path: SERVER },
      to: { path: CLIENT },
    },
    {
      name: 'client-never-imports-server',
      comment: 'includes domain/messaging never importing domain/home-server; starbase/client wires client code only',
      severity: 'error',
      from: { path: CLIENT },
      to: { path: SERVER },
    },
    {
      name: 'client-never-reaches-server',
      comment: 'not even through a shared port: the client (and so the browser bundle) contains no server code',
      severity: 'error',
      from: { path: CLIENT },
      to: { path: SERVER, reachable: true },
    },
    {
      name: 'server-never-reaches-client',
      severity: 'error',
      from: { path: SERVER },
      to: { path: CLIENT, reachable: true },
    },
    {
      name: 'browser-code-stays-in-browser-code',
      comment: 'what the browser bundle is made of reaches no Node-only adapter, no server code, no composition root',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^src/', pathNot: BROWSER },
    },
    {
      name: 'browser-code-has-no-node-built-ins',
      severity: 'error',
      from: { path: BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-code-uses-browser-packages',
      comment: `the browser bundle's npm packages are known to run in a browser: ${BROWSER_PACKAGES.join(', ')}`,
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^node_modules/', pathNot: `^node_modules/${anyOf(BROWSER_PACKAGES)}/` },
    },
    {
      name: 'adapter-folder-is-classified',
      comment: 'every folder under adapters/, application/, domain/ is named in the lists at the top of this file',
      severity: 'error',
      from: { path: UNCLASSIFIED },
      to: {},
    },
    {
      name: 'adapter-folder-is-classified-when-imported',
      comment: 'the same, for a folder whose files import nothing',
      severity: 'error',
      from: {},
      to: { path: UNCLASSIFIED },
    },
    {
      name: 'adapters-do-not-import-infrastructure',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/infrastructure/' },
    },
    {
      name: 'production-never-imports-tests',
      comment: 'test/ holds fakes such as the weak key derivation: nothing under src/ may reach them',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'imports-resolve',
      comment: 'an import the rules cannot resolve is one they cannot judge',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // npm packages are judged (rules above) but not cruised into.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // inversify exports ESM only ("import" condition); without it the resolver gives up on it.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
