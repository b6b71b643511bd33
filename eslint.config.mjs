// Root ESLint flat config. The module-boundary matrix below is the layer rule of
// the architecture: a lib may import only the libs below it. No wildcards.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const below = {
  config: [],
  data: ['config'],
  graph: ['config'],
  model: ['config', 'data', 'graph'],
  db: ['config'],
  hyperparameter: ['config', 'data', 'model', 'db'],
  execution: ['config', 'data', 'graph', 'model', 'db', 'hyperparameter'],
  artifact: ['config', 'data', 'graph', 'model', 'db', 'hyperparameter', 'execution'],
  logging: ['config', 'data', 'graph', 'model', 'db', 'hyperparameter', 'execution', 'artifact'],
  service: ['config', 'data', 'graph', 'model', 'db', 'hyperparameter', 'execution', 'artifact', 'logging'],
  app: ['config', 'data', 'graph', 'model', 'db', 'hyperparameter', 'execution', 'artifact', 'logging', 'service'],
};

export const depConstraints = [
  ...Object.entries(below).map(([layer, deps]) => ({
    sourceTag: `layer:${layer}`,
    onlyDependOnLibsWithTags: deps.map((d) => `layer:${d}`),
  })),
  // Apps compose the libs: they may use any layer but never another app.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: Object.keys(below).map((d) => `layer:${d}`) },
  // Tools (benchmarks, scripts) sit above everything, like apps.
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: Object.keys(below).map((d) => `layer:${d}`) },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/tmp', '**/coverage', '**/*.cjs', '**/*.js'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
