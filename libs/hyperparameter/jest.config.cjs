module.exports = {
  displayName: 'hyperparameter',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
