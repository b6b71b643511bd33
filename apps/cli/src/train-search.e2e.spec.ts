import { cliServerSandbox, runCli, runCliUntilKilled } from './testing/run-cli';

// `train --search` through real processes (the built CLI when current, else tsx; a fresh database on the test server):
// each spawn is a process restart, so the second run resumes the stored study.
const { env } = cliServerSandbox('tsf-cli-search-');
/** The kill test's own sandbox: its study and runs are counted alone. */
const { env: own } = cliServerSandbox('tsf-cli-kill-');

/** `train` tuning MLP at h=12 with no pruner. */
function tuneMlp(o: { search: string; seed: number; maxSteps: number; experiment: string }): string[] {
  const flags = { models: 'MLP', horizons: '12', search: o.search, 'search-seed': String(o.seed), pruner: 'none' };
  const more = { 'max-steps': String(o.maxSteps), experiment: o.experiment };
  return ['train', ...Object.entries({ ...flags, ...more }).flatMap(([k, v]) => [`--${k}`, v])];
}

describe('cli train --search (end to end)', () => {
  it('tunes MLP, then continues the same study up to the new --trials', () => {
    const args = tuneMlp({ search: 'random', seed: 3, maxSteps: 10, experiment: 'e2e-tune' });
    const first = runCli([...args, '--trials', '2'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/study e2e-tune\/MLP\/h12: 2 new trial\(s\), 2 finished; best trial [01] /);
    const second = runCli([...args, '--trials', '3'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/study e2e-tune\/MLP\/h12: 1 new trial\(s\), 3 finished/);
    const runs = runCli(['runs', 'list', '--experiment', 'e2e-tune'], env);
    expect(runs.stdout.match(/MLP\s+12\s+trial\s+completed/g)).toHaveLength(3);
    expect(runs.stdout.match(/MLP\s+12\s+train\s+completed/g)).toHaveLength(2);
  });

  it('resumes a TPE study after kill -9 in the middle of a trial', async () => {
    const args = [...tuneMlp({ search: 'tpe', seed: 5, maxSteps: 100, experiment: 'e2e-kill' }), '--trials', '3'];
    // Trial 0 is stored and trial 1 is running (it logs that its training started, at debug) when the process
    // group dies: a log line, not a delay, says when, so the trials can be short (trials run one at a time).
    const trial1Started = /"trial":1,.*"msg":"training started"/;
    const killed = await runCliUntilKilled(args, { ...own, LOG_LEVEL: 'debug' }, trial1Started);
    expect(killed.stderr).toMatch(/"trial":0,.*"msg":"trial complete"/);
    expect(killed.code).toBeNull();
    // The resumed command fails the killed trial once its job attempt's lease is 10 s silent (default 30 s).
    const resumed = runCli(args, { ...own, WORKER_LOST_AFTER_MS: '10000' });
    expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({
      code: 0,
      stderr: expect.stringMatching(/marked 1 stale running trial\(s\) as failed: 1"/),
    });
    expect(resumed.stdout).toMatch(/study e2e-kill\/MLP\/h12: 2 new trial\(s\), 3 finished/);
    const runs = runCli(['runs', 'list', '--experiment', 'e2e-kill'], own).stdout;
    expect(runs.match(/MLP\s+12\s+trial\s+completed/g)).toHaveLength(3);
    expect(runs.match(/MLP\s+12\s+trial\s+failed/g)).toHaveLength(1);
    // The killed command's own train-run job is retried once its lease goes stale (at-least-once): while the
    // resumed command waits those 10 s for the killed trial, its worker may run that retry (a second refit).
    expect(runs.match(/MLP\s+12\s+train\s+completed/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('rejects an unknown sampler and a --trials without --search with exit code 2', () => {
    const bad = runCli(['train', '--search', 'bayes'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'--search' must be one of tpe, random, grid, got "bayes"/);
    const alone = runCli(['train', '--trials', '3'], env);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/'--trials' needs '--search tpe\|random\|grid', got --trials 3 alone/);
  });
});
