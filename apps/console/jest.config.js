module.exports = {
  displayName: 'console',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/gateway/**/*.spec.ts'],
};
