// Shared jest settings for every project. Tests are transpiled by SWC (fast, no
// type-check; `npm run typecheck` covers types) and resolve `@tsforecast/*`
// imports to each lib's source entry point, exactly like tsconfig.base.json.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

// Child processes the tests start from TypeScript sources (queue job processes,
// the CLI) run under tsx, which takes the tsconfig of the working directory and
// applies it only to the files that tsconfig includes: run from libs/<lib> (as
// `nx test` does), the other libs' entities would be compiled with standard
// decorators instead of the legacy ones TypeORM needs. The root tsconfig
// includes every lib; children inherit this variable.
process.env.TSX_TSCONFIG_PATH ??= path.join(__dirname, 'tsconfig.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace(/[/]/g, '\\/')}$`] = path.join(__dirname, target);
}

module.exports = {
  // Node environment sharing the host realm's typed arrays, which onnxruntime-node needs.
  testEnvironment: path.join(__dirname, 'tools/jest/ort-environment.cjs'),
  // CI has 2 cores shared by parallel jest workers; real databases and ONNX
  // sessions can be slow to start under that load.
  testTimeout: 30000,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/?(*.)+(spec|test).ts'],
  moduleNameMapper,
  setupFiles: [path.join(__dirname, 'tools/jest/setup.js')],
};
