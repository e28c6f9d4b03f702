/**
 * One jest run, three kinds of test told apart by their file names:
 * `*.spec.ts` unit tests beside the code, `test/workflows/*.test.ts` on the time-skipping
 * server, `test/e2e/*.e2e.ts` and `test/browser/*.browser.ts` against the real servers.
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': swc },
  testMatch: ['<rootDir>/{apps,libs,workflows,activities}/**/*.spec.ts', '<rootDir>/test/**/*.{test,e2e,browser}.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  testTimeout: 120000,
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/jest-setup.ts'],
};
