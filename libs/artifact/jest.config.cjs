module.exports = {
  displayName: 'artifact',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
