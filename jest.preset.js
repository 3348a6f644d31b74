// One jest setup for every project: swc for speed, tsconfig paths for the @faultline/* libraries.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper,
  // Services under test have no tests of their own yet while their issues are open.
  passWithNoTests: true,
  // A leaked handle must never hang CI; locally, jest's warning names the problem instead.
  forceExit: Boolean(process.env.CI),
  reporters: ['default', path.join(__dirname, 'libs/testing/src/summary-reporter.js')],
  globalSetup: path.join(__dirname, 'libs/local-infra/src/jest-global-setup.ts'),
  globalTeardown: path.join(__dirname, 'libs/local-infra/src/jest-global-teardown.ts'),
};
