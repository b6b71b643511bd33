import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Packages a process that only imports the app (every CLI command, every job
 * process) must not load: each is loaded where it is first used (a session, a
 * token, the queue, a YAML config file), so the CLI's database commands start
 * without them.
 */
const loadedOnFirstUse = ['onnxruntime-node', 'jose', 'pg-boss', 'yaml'];

/** The packages of `loadedOnFirstUse` that a fresh process has loaded after running `script`. */
function loadedAfter(script: string): string[] {
  const probe = `
    ${script};
    const loaded = Object.keys(require.cache);
    const names = ${JSON.stringify(loadedOnFirstUse)};
    process.stdout.write(JSON.stringify(names.filter((name) => loaded.some((file) => file.includes('/node_modules/' + name + '/')))));
  `;
  // tsx compiles the libs' sources (TSX_TSCONFIG_PATH, set by the jest preset, maps @tsforecast/* to them).
  const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', probe], { encoding: 'utf8', timeout: 120_000 });
  if (child.status !== 0) throw new Error(`probe exited ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout) as string[];
}

describe('start-up cost of importing the app', () => {
  it('loads neither ONNX Runtime, jose, pg-boss nor yaml until they are used', () => {
    expect(loadedAfter(`require(${JSON.stringify(join(__dirname, 'index.ts'))})`)).toEqual([]);
  });

  it('the probe sees a package once something uses it', () => {
    const script = `const graph = require(${JSON.stringify(join(__dirname, '../../graph/src/index.ts'))}); graph.onnxRuntime()`;
    expect(loadedAfter(script)).toEqual(['onnxruntime-node']);
  });
});
