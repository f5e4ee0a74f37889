/** Layer rules: the architecture is the folder tree, and this keeps it honest. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing but domain/ (no application, adapters, infrastructure, node or npm modules)',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-has-no-adapters',
      comment: 'application/ depends on domain/ and its own ports only',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: '^src/(domain|application)/' },
    },
    {
      name: 'server-never-imports-client',
      severity: 'error',
      from: { path: '^src/(application/server|adapters/(http|storage))/' },
      to: { path: '^src/(application/client|adapters/(web|gateway|crypto))/' },
    },
    {
      name: 'client-never-imports-server',
      severity: 'error',
      from: { path: '^src/(application/client|adapters/(web|gateway|crypto))/' },
      to: { path: '^src/(application/server|adapters/(http|storage)|infrastructure)/' },
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
      name: 'client-library-is-client-only',
      comment: 'starbase/client (infrastructure/library/client-*) wires client code only: no server use cases or adapters',
      severity: 'error',
      from: { path: '^src/infrastructure/library/client-' },
      to: { path: '^src/(application/server|adapters/(http|storage|security|captcha|system)|infrastructure/(?!library/client-))' },
    },
    {
      name: 'browser-client-has-no-node-only-code',
      comment: 'the browser build of starbase/client must not reach code that needs Node or a devDependency',
      severity: 'error',
      from: { path: '^src/infrastructure/library/client-browser' },
      to: { path: '^src/adapters/crypto/(argon2-node-loader|hash-wasm-key-derivation)', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(node_modules|dist)' },
  },
};
