module.exports = {
  displayName: 'graph',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
