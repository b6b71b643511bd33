import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliEntry } from './testing/cli-entry';
import { cliSandbox } from './testing/run-cli';

jest.setTimeout(600_000);

const root = resolve(__dirname, '../../..');
const main = resolve(__dirname, 'main.ts');

/** A CLI process started like a user starts it, JSON logs at `info`; its output so far and its exit. */
function startCli(args: readonly string[], env: Record<string, string>) {
  // node itself, so that SIGTERM reaches the CLI: the built program when it is current (as the other CLI specs
  // run it, see cliEntry), else the sources with tsx's loader (not tsx's wrapper).
  const entry = cliEntry();
  const program = entry.built ? entry.args : ['--import', 'tsx', main];
  const child: ChildProcess = spawn(process.execPath, [...program, ...args], {
    cwd: root,
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output, exited };
}

async function until(condition: () => boolean, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

// Two real processes on one embedded PostgreSQL server: `train --no-local-workers` only queues and waits,
// a `cli worker` started afterwards runs the job.
describe('cli train --no-local-workers (end to end)', () => {
  const { dir, env } = cliSandbox('tsf-cli-remote-');

  it('queues the runs, waits for a `cli worker` to run them, then writes the leaderboard', async () => {
    const train = startCli(['train', '--models', 'SeasonalNaive', '--horizons', '12', '--experiment', 'remote', '--no-local-workers'], env);
    await until(() => train.output.stderr.includes('--no-local-workers: the runs go to the queue'), 'the queued line');
    const worker = startCli(['worker', '--concurrency', '1'], env);
    try {
      const code = await train.exited;
      expect(train.output.stderr).not.toMatch(/"level":"(error|fatal)"|\n\s+at /);
      // The exit code with the end of stderr, so a failure shows why.
      expect({ code, stderr: train.output.stderr.slice(-3000) }).toEqual({ code: 0, stderr: expect.any(String) });
      const leaderboard = readFileSync(join(dir, 'out', 'remote', 'leaderboard.csv'), 'utf8');
      expect(
        Number(
          leaderboard
            .split('\n')
            .find((line) => line.startsWith('SeasonalNaive,12,'))!
            .split(',')[3],
        ),
      ).toBeCloseTo(47.83, 2);
      // The worker's job process trained and saved the model; the train process ran no job itself.
      expect(worker.output.stderr).toMatch(/"model":"SeasonalNaive@1","msg":"run completed"/);
      expect(train.output.stderr).not.toMatch(/"msg":"run completed"/);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});
