const { cpus } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default (cores − 1) is one worker on a 2-core machine, and most suites wait on servers,
  // Chromium or fsync rather than compute: two workers overlap them (jest 804 → 334 s on 2 cores),
  // and a third still finds idle time (a clean clone's whole run 570 → 519 s on 2 cores).
  maxWorkers: Math.max(3, cpus().length - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', jsxImportSource: 'preact', esModuleInterop: true, experimentalDecorators: true } }],
    '^.+\\.jsx?$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true, module: 'commonjs', moduleResolution: 'node10' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(inversify|@inversifyjs|jose|content-disposition|cookie|preact)/)'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
};
