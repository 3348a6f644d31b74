const path = require('node:path');
const preset = require('../../jest.preset.js');

/** The same TypeScript transform as every project, with React's JSX for the component tests. */
const tsx = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  displayName: 'console',
  preset: '../../jest.preset.js',
  rootDir: '.',
  // Pure logic and the gateway run in node; components (`*.component.spec.tsx`) in jsdom.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/gateway/**/*.spec.ts'],
  moduleFileExtensions: ['tsx', ...preset.moduleFileExtensions],
  transform: { ...preset.transform, '^.+\\.tsx$': tsx },
  setupFiles: [path.join(__dirname, 'testing/jsdom-setup.js')],
};
