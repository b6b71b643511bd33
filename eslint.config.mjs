// Root ESLint flat config. The module-boundary matrix below is the layer rule of
// the architecture: a lib may import only the libs below it. No wildcards.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Bottom to top: config < logging, data, graph < db < hyperparameter < model <
// execution < artifact < service < app. `logging` imports only config, so it
// sits low; `model` declares its search spaces with hyperparameter's
// expressions, so hyperparameter sits below it; the trainer lives in execution.
const below = {
  config: [],
  logging: ['config'],
  data: ['config'],
  graph: ['config'],
  db: ['config', 'data'],
  hyperparameter: ['config', 'data', 'db'],
  model: ['config', 'data', 'graph', 'hyperparameter'],
  execution: ['config', 'logging', 'data', 'graph', 'db', 'hyperparameter', 'model'],
  artifact: ['config', 'logging', 'data', 'graph', 'db', 'hyperparameter', 'model', 'execution'],
  service: ['config', 'logging', 'data', 'graph', 'db', 'hyperparameter', 'model', 'execution', 'artifact'],
  app: ['config', 'logging', 'data', 'graph', 'db', 'hyperparameter', 'model', 'execution', 'artifact', 'service'],
};

export const depConstraints = [
  ...Object.entries(below).map(([layer, deps]) => ({
    sourceTag: `layer:${layer}`,
    onlyDependOnLibsWithTags: deps.map((d) => `layer:${d}`),
  })),
  // Apps parse arguments / HTTP and call use cases: the composition root, the services and the settings, nothing below.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['layer:app', 'layer:service', 'layer:config'] },
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
          // The CLI loads only the command being run (apps/cli/src/command-table.ts) and
          // @tsforecast/config only to print an error: lazy by design, not a mistake.
          checkDynamicDependenciesExceptions: ['@tsforecast/config', '@tsforecast/app', '@tsforecast/service'],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
