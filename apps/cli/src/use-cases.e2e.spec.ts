import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliServerSandbox, runCli } from './testing/run-cli';

// The use cases the CLI shares with the API, through real processes: evaluate
// and predict are recorded runs, one model lookup, one forecast formatter, and
// flags that cannot be honoured are usage errors (exit 2) before any work.
// On a fresh, migrated database on the PostgreSQL test server: every process
// connects instead of starting a database of its own (`cli migrate` on a server
// database is integrity.e2e's).
const { dir, env } = cliServerSandbox('tsf-cli-usecases-');

describe('evaluate (end to end)', () => {
  it('finds a model in any letter case, as train does, and records a cv run', () => {
    const run = runCli(['evaluate', '--models', 'naive,seasonalnaive', '--horizons', '12', '--windows', '1', '--experiment', 'cv'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Naive\s+12\s+1\s+true\s+76\s/m);
    expect(run.stdout).toMatch(/^SeasonalNaive\s+12\s+1\s+true\s+47\.833/m);
    const runs = runCli(['runs', 'list', '--experiment', 'cv', '--kind', 'cv'], env);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/Naive\s+12\s+cv\s+completed/);
    expect(runs.stdout).toMatch(/SeasonalNaive\s+12\s+cv\s+completed/);
  });
});

describe('predict (end to end)', () => {
  it('writes the same CSV to stdout as to --output (dates by frequency, quantile columns) and records a predict run', () => {
    const train = runCli(['train', '--models', 'AutoETS', '--horizons', '12', '--experiment', 'fc'], env);
    expect(train.code).toBe(0);
    const file = join(dir, 'forecast.csv');
    const toFile = runCli(['predict', '--model', 'AutoETS@1', '--data', 'apps/cli/assets/air_passengers.csv', '--output', file], env);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe(`AutoETS@1: 12 forecast rows written to ${file}\n`);
    const toStdout = runCli(['predict', '--model', 'AutoETS', '--data', 'apps/cli/assets/air_passengers.csv'], env);
    expect(toStdout.stderr).toBe('');
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toBe(readFileSync(file, 'utf8'));
    const lines = toStdout.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^unique_id,ds,y_hat(,q0\.\d+)+$/);
    expect(lines[1]).toMatch(/^AirPassengers,1961-01-01,[\d.]+(,[\d.]+)+$/);
    const runs = runCli(['runs', 'list', '--experiment', 'fc', '--kind', 'predict'], env);
    expect(runs.stdout.match(/AutoETS\s+12\s+predict\s+completed/g)).toHaveLength(2);
  });
});

describe('flags that cannot be honoured: exit 2 before any work', () => {
  it('--backend cuda without ENABLE_GPU=true names ENABLE_GPU instead of silently running on cpu', () => {
    const run = runCli(['--backend', 'cuda', 'train', '--models', 'Naive', '--experiment', 'gpu'], { ...env, ENABLE_GPU: 'false' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: '--backend cuda' needs ENABLE_GPU=true/);
  });

  it.each([
    [['--rank-by', 'foo'], /'rankBy' \(--rank-by\) must be a metric, one of mae, mse, rmse, mape, smape, mase; got 'foo'/],
    [['--models', 'NHITS', '--loss', 'quantile'], /'loss' must be one of mae, mse, huber, mqloss, got 'quantile'/],
    [['--models', 'NHITS', '--scaler', 'foo'], /'scalerType' must be one of identity, .*, got 'foo'/],
  ])('train %j is a usage error naming the valid values, and records no run', (flags, message) => {
    const run = runCli(['train', '--experiment', 'bad-flags', '--horizons', '12', ...flags], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const runs = runCli(['runs', 'list', '--experiment', 'bad-flags'], env);
    expect(runs.stdout.trim().split('\n')).toHaveLength(2); // header and rule: no run
  });
});
