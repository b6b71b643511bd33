module.exports = {
  displayName: 'db',
  preset: '../../jest.preset.js',
  rootDir: '.',
  // See jest-pglite-transform.cjs: PGlite's CJS bundle needs its dynamic
  // imports of Node built-ins rewritten to run inside Jest.
  transform: { '@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/jest-pglite-transform.cjs' },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
};
