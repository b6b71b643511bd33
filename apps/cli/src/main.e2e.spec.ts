import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox, runCli } from './testing/run-cli';

// End to end through real processes: the CLI as a user runs it (tsx), the
// embedded PostgreSQL on disk, real files. Each spawn is a process restart.
const { dir, env } = cliSandbox('tsf-cli-');

describe('cli (end to end)', () => {
  it('trains baselines on the bundled sample, scores the hold-out and writes the outputs', () => {
    const run = runCli(['train', '--models', 'SeasonalNaive,Naive', '--horizons', '12', '--experiment', 'e2e'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const leaderboard = readFileSync(join(dir, 'out', 'e2e', 'leaderboard.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(leaderboard[0]).toMatch(/^model,horizon,rank,mae,mse,rmse,mape,smape,mase/);
    const seasonal = leaderboard.find((l) => l.startsWith('SeasonalNaive,12,'))!.split(',');
    expect(Number(seasonal[3])).toBeCloseTo(47.83, 2);
    expect(seasonal[2]).toBe('1');
    const predictions = readFileSync(join(dir, 'out', 'e2e', 'predictions.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(predictions).toHaveLength(1 + 2 * 12);
    expect(predictions[1]).toMatch(/^SeasonalNaive,12,AirPassengers,1960-01-01,417,360$/);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'e2e', 'summary.json'), 'utf8')) as { best: { model: string }[] };
    expect(summary.best[0]!.model).toBe('SeasonalNaive');
  });

  it('lists the runs after the process restarts', () => {
    const runs = runCli(['runs', 'list', '--experiment', 'e2e'], env);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/SeasonalNaive\s+12\s+train\s+completed/);
    expect(runs.stdout).toMatch(/Naive\s+12\s+train\s+completed/);
    const experiments = runCli(['experiments', 'list'], env);
    expect(experiments.stdout).toMatch(/^e2e\s/m);
  });

  it('predicts with a saved model by name@version', () => {
    const out = join(dir, 'forecast.csv');
    const run = runCli(['predict', '--model', 'SeasonalNaive@1', '--data', 'apps/cli/assets/air_passengers.csv', '--output', out], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('unique_id,ds,y_hat');
    expect(lines[1]).toBe('AirPassengers,1961-01-01,417');
    expect(lines).toHaveLength(13);
  });

  it('rejects an unknown model with exit code 2 and the list of models', () => {
    const run = runCli(['train', '--models', 'Prophet'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown model 'Prophet'; available: .*SeasonalNaive/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a horizon that is not a positive integer', () => {
    const run = runCli(['train', '--horizons', '0'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/'--horizons' must be a positive integer, got "0"/);
  });

  it('names a missing data file', () => {
    const run = runCli(['train', '--data', join(dir, 'nope.csv')], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(dir, 'nope.csv'));
  });

  it('names the unreachable database host but never its password', () => {
    const run = runCli(['runs', 'list'], { ...env, DATABASE_URL: 'postgres://postgres:sup3rsecret@127.0.0.1:1/tsf' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('127.0.0.1:1');
    expect(run.stderr).not.toContain('sup3rsecret');
  });

  it('rejects an invalid setting with the variable, value and expectation', () => {
    const run = runCli(['runs', 'list'], { ...env, DEFAULT_BACKEND: 'tpu' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/DEFAULT_BACKEND="tpu".*expected one of cpu, webgpu, cuda/);
  });
});

describe('cli evaluate (end to end)', () => {
  it('cross-validates SeasonalNaive and a neural model on 2 rolling windows; neural flags leave the baseline alone', () => {
    const out = join(dir, 'cv.csv');
    const run = runCli(
      [
        'evaluate',
        '--models',
        'SeasonalNaive,DLinear',
        '--horizons',
        '12',
        '--windows',
        '2',
        '--max-steps',
        '5',
        '--input-size',
        '24',
        '--output',
        out,
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('DLinear,12,'))).toHaveLength(2);
    // The last window is the 1960 hold-out: SeasonalNaive's MAE there is 47.83.
    const last = lines.find((l) => l.startsWith('SeasonalNaive,12,1,'))!.split(',');
    expect(Number(last[4])).toBeCloseTo(47.83, 2);
  });
});
