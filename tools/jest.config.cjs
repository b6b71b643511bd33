module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  rootDir: '.',
  testTimeout: 120000,
  // One spec file at a time: lint/module-boundaries.spec.ts writes probe files into
  // libs/*/src for the length of its ESLint run, and build/lib-manifests.spec.ts reads
  // those folders' imports; side by side (jest's default on a machine with 3+ cores)
  // the manifests spec would see the probes' imports.
  maxWorkers: 1,
};
