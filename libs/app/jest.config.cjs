module.exports = {
  displayName: 'app',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
