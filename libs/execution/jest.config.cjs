module.exports = {
  displayName: 'execution',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
