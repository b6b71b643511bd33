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
  dataImportsApp: ['libs/data/src/__boundary_probe__.ts', "import { buildContainer } from '@tsforecast/app';\nexport const x = buildContainer;\n"],
  modelImportsHyperparameter: ['libs/model/src/__boundary_probe__.ts', "import * as hp from '@tsforecast/hyperparameter';\nexport const x = hp;\n"],
  serviceImportsConfig: ['libs/service/src/__boundary_probe__.ts', "import { loadSettings } from '@tsforecast/config';\nexport const x = loadSettings;\n"],
} as const;

// One ESLint run over three probe files (the Nx graph is computed once); the
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
    expect(messages.dataImportsApp.join('\n')).toMatch(/A project tagged with "layer:data" can only depend on libs tagged with "layer:config"/);
  });

  it('fails lint for model importing hyperparameter (one step up)', () => {
    expect(messages.modelImportsHyperparameter.join('\n')).toMatch(/"layer:model" can only depend on/);
  });

  it('passes lint when a higher layer imports a lower one', () => {
    expect(messages.serviceImportsConfig).toEqual([]);
  });
});
