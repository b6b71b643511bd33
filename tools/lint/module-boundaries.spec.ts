import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Proves the layer rule is enforced: lint must reject an import that points up
// the layer order and accept one that points down. Runs the real ESLint CLI
// (its flat config is ESM, which jest's VM cannot load) over stdin, with the
// repository's config and Nx project graph.
const root = resolve(__dirname, '../..');
const eslintBin = resolve(root, 'node_modules/eslint/bin/eslint.js');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

const probes = {
  dataImportsApp: [
    'libs/data/src/__boundary_probe__.ts',
    "import { buildContainer } from '@tsforecast/app';\nexport const x = buildContainer;\n",
  ],
  dataImportsGraph: [
    'libs/data/src/__boundary_probe_graph__.ts',
    "import { GraphBuilder } from '@tsforecast/graph';\nexport const x = GraphBuilder;\n",
  ],
  dbImportsGraph: [
    'libs/db/src/__boundary_probe__.ts',
    "import { GraphBuilder } from '@tsforecast/graph';\nexport const x = GraphBuilder;\n",
  ],
  loggingImportsData: [
    'libs/logging/src/__boundary_probe__.ts',
    "import { readCsv } from '@tsforecast/data';\nexport const x = readCsv;\n",
  ],
  hyperparameterImportsModel: [
    'libs/hyperparameter/src/__boundary_probe__.ts',
    "import { ModelRegistry } from '@tsforecast/model';\nexport const x = ModelRegistry;\n",
  ],
  appImportsDb: [
    'apps/cli/src/__boundary_probe__.ts',
    "import { TrackingStore } from '@tsforecast/db';\nexport const x = TrackingStore;\n",
  ],
  appImportsService: [
    'apps/cli/src/__boundary_probe_service__.ts',
    "import { TrainingService } from '@tsforecast/service';\nexport const x = TrainingService;\n",
  ],
  serviceImportsConfig: [
    'libs/service/src/__boundary_probe__.ts',
    "import { loadSettings } from '@tsforecast/config';\nexport const x = loadSettings;\n",
  ],
  modelImportsHyperparameter: [
    'libs/model/src/__boundary_probe__.ts',
    "import { choice } from '@tsforecast/hyperparameter';\nexport const x = choice;\n",
  ],
} as const;

// One ESLint run over all probe files (the Nx graph is computed once); the
// files exist only for the duration of the run.
function lintProbes(): Record<keyof typeof probes, string[]> {
  const entries = Object.entries(probes) as [keyof typeof probes, readonly [string, string]][];
  for (const [, [file, source]] of entries) writeFileSync(resolve(root, file), source);
  try {
    const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', '--no-cache', ...entries.map(([, [f]]) => f)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (!run.stdout.trim().startsWith('[')) throw new Error(`eslint failed: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as LintResult[];
    const out = {} as Record<keyof typeof probes, string[]>;
    for (const [name, [file]] of entries) {
      const result = results.find((r) => r.filePath === resolve(root, file));
      out[name] = (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
    }
    return out;
  } finally {
    for (const [, [file]] of entries) rmSync(resolve(root, file), { force: true });
  }
}

describe('layer boundaries', () => {
  const messages = lintProbes();

  it('fails lint when a lower layer imports a higher one', () => {
    // app depends on data, so Nx reports the cycle before the tag rule.
    expect(messages.dataImportsApp.join('\n')).toMatch(/Circular dependency between "data" and "app"|"layer:data" can only depend on/);
  });

  it('fails lint by the tag matrix where no cycle hides it', () => {
    expect(messages.dataImportsGraph.join('\n')).toMatch(
      /A project tagged with "layer:data" can only depend on libs tagged with "layer:config"/,
    );
    expect(messages.dbImportsGraph.join('\n')).toMatch(
      /A project tagged with "layer:db" can only depend on libs tagged with "layer:config", "layer:data"$/m,
    );
    // logging sits low (it imports only config): reporting progress must not pull in the data lib.
    expect(messages.loggingImportsData.join('\n')).toMatch(
      /A project tagged with "layer:logging" can only depend on libs tagged with "layer:config"$/m,
    );
  });

  it('keeps hyperparameter below model (model files declare their search spaces)', () => {
    // model imports hyperparameter, so Nx may report the cycle before the tag rule.
    expect(messages.hyperparameterImportsModel.join('\n')).toMatch(
      /Circular dependency between "hyperparameter" and "model"|"layer:hyperparameter" can only depend on/,
    );
  });

  it('lets the apps import only app, service and config', () => {
    expect(messages.appImportsDb.join('\n')).toMatch(
      /A project tagged with "type:app" can only depend on libs tagged with "layer:app", "layer:service", "layer:config"/,
    );
    expect(messages.appImportsService).toEqual([]);
  });

  it('passes lint when a higher layer imports a lower one', () => {
    expect(messages.serviceImportsConfig).toEqual([]);
    expect(messages.modelImportsHyperparameter).toEqual([]);
  });
});
