import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServerTestDatabase, type ServerTestDatabase } from '@tsforecast/app/testing';
import { cliSandbox, cliServerSandbox, runCli, type CliRun } from './testing/run-cli';

// Stored data, secrets, flags and exit codes, through real processes (tsx):
// README promises 0 success, 1 a run failed, 2 usage, configuration or data error.
// Absolute: jest may run from the project folder, the CLI children from the workspace root.
const sample = resolve(__dirname, '../assets/air_passengers.csv');

/** Everything a process left where a user could read it: stdout, stderr, the log files. */
function visibleText(run: CliRun, logDir: string): string {
  const logs = existsSync(logDir)
    ? readdirSync(logDir)
        .map((f) => readFileSync(join(logDir, f), 'utf8'))
        .join('\n')
    : '';
  return `${run.stdout}\n${run.stderr}\n${logs}`;
}

describe('passwords never appear (any printable ASCII character, URL written unencoded)', () => {
  const printable = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
  it.each([
    ['Sec/retPw', 'retPw'],
    [`${printable}Zq8Secret`, 'Zq8Secret'],
    ['plain Zq9Secret', 'Zq9Secret'],
  ])('DATABASE_URL with password %j: host named, exit code 2, password nowhere in stdout, stderr or logs', (password, core) => {
    const { dir, env } = cliSandbox('tsf-cli-secret-');
    const run = runCli(['runs', 'list'], { ...env, LOG_LEVEL: 'debug', DATABASE_URL: `postgres://postgres:${password}@127.0.0.1:5999/db` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PostgreSQL server 127\.0\.0\.1:5999\/db as postgres/);
    expect(visibleText(run, join(dir, 'logs'))).not.toContain(core);
  });

  it('a refused connection through --database-url: exit code 2, no password', () => {
    const { dir, env } = cliSandbox('tsf-cli-secret-');
    const run = runCli(['--database-url', 'postgres://postgres:Zq7Secret%2F@127.0.0.1:1/db', 'runs', 'list'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: Cannot connect to PostgreSQL server 127\.0\.0\.1:1\/db as postgres: .*ECONNREFUSED.*check DATABASE_URL/,
    );
    expect(visibleText(run, join(dir, 'logs'))).not.toMatch(/Zq7Secret/);
  });
});

describe('flags and paths are validated before any work (exit code 2, nothing stored)', () => {
  const { env } = cliServerSandbox('tsf-cli-flags-');
  const runsOf = (experiment: string) => runCli(['runs', 'list', '--experiment', experiment], env).stdout.trim().split('\n').length - 2;

  it.each([
    [
      'an output folder that cannot be created',
      ['--experiment', 'v1', '--output-dir', '/proc/version/out'],
      /'outputDir \(--output-dir\)' must be a directory this process can create and write, got "\/proc\/version\/out" \(ENOTDIR\)/,
      'v1',
    ],
    [
      'an experiment name that climbs out of OUTPUT_DIR',
      ['--experiment', '../../../../tmp/x'],
      /'experiment' must be 1 to 100 letters/,
      null,
    ],
    [
      'an input window longer than every series',
      ['--experiment', 'v3', '--models', 'MLP', '--input-size', '500'],
      /'inputSize' \(--input-size\) must be at most 132 at h=12/,
      'v3',
    ],
  ])('train with %s', (_label, args, message, experiment) => {
    const run = runCli(['train', '--models', 'SeasonalNaive', ...args], env);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    if (experiment !== null) expect(runsOf(experiment)).toBe(0);
    expect(existsSync('/tmp/x')).toBe(false);
  });

  it('runs list --status with an unknown status', () => {
    const run = runCli(['runs', 'list', '--status', 'foo'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/'--status' must be one of running, completed, failed, cancelled, got "foo"/);
  });

  it('a DATA_DIR that cannot be created', () => {
    // No DATABASE_URL: the embedded server's folder is the one that cannot be created.
    const bad = runCli(['runs', 'list'], { ...cliSandbox('tsf-cli-data-dir-').env, DATA_DIR: '/proc/version/data' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DATA_DIR: cannot create the embedded database folder \/proc\/version\/data \(ENOTDIR\)/);
  });
});

describe('a server database: pending migrations, and migrate --revert on tracked data', () => {
  let server: ServerTestDatabase;
  const { env } = cliSandbox('tsf-cli-server-');
  beforeAll(async () => {
    server = await createServerTestDatabase();
  });
  afterAll(() => server.drop());

  it('pending migrations: exit code 2 with the hint; after train, --revert refuses to drop data unless --force', () => {
    const withServer = { ...env, DATABASE_URL: server.url };
    const pending = runCli(['runs', 'list'], withServer);
    expect(pending.code).toBe(2);
    expect(pending.stderr).toMatch(/pending migration\(s\) .*; run `nx run cli:migrate` first/);
    expect(runCli(['migrate'], withServer).code).toBe(0);
    expect(runCli(['train', '--models', 'Naive', '--experiment', 'revert'], withServer).code).toBe(0);

    // Nothing was served (no predictions.served_at values), no training job was submitted through the
    // API and the stage audit table is empty: those migrations go without --force.
    expect(runCli(['migrate', '--revert'], withServer).stdout).toMatch(/^reverted ServedPredictions\d+ on PostgreSQL server/);
    expect(runCli(['migrate', '--revert'], withServer).stdout).toMatch(/^reverted TrainingJobs\d+ on PostgreSQL server/);
    expect(runCli(['migrate', '--revert'], withServer).stdout).toMatch(/^reverted ModelStages\d+ on PostgreSQL server/);
    // The queue's worker leased the run and recorded its resources: those rows need --force.
    const leases = runCli(['migrate', '--revert'], withServer);
    expect(leases.code).toBe(2);
    expect(leases.stderr).toMatch(
      /^error: Refusing to revert RunExecution\d+ on PostgreSQL server .*: it drops \d+ table\(s\) holding data: /,
    );
    expect(runCli(['migrate', '--revert', '--force'], withServer).stdout).toMatch(/^reverted RunExecution\d+/);
    expect(runCli(['migrate', '--revert', '--force'], withServer).stdout).toMatch(/^reverted RunRecords\d+/);
    expect(runCli(['migrate', '--revert'], withServer).stdout).toMatch(/^reverted CreateStudies\d+ on PostgreSQL server/);
    const refused = runCli(['migrate', '--revert'], withServer);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^error: Refusing to revert TrackingSchema\d+ on PostgreSQL server .*: it drops \d+ table\(s\) holding data: .*models \(1 row\).*runs \(1 row\).*Nothing was changed\. Back up first \(e\.g\. pg_dump .*\), then run `migrate --revert --force`/,
    );
    expect(runCli(['migrate', '--revert', '--force'], withServer).stdout).toMatch(/^reverted TrackingSchema\d+/);
  });
});

describe('stored models fail closed; CSV cells cannot carry formulas', () => {
  const { dir, env } = cliServerSandbox('tsf-cli-models-');

  it('predict refuses an MLP whose model.onnx was changed and whose metadata lost its sha256 (no refit)', () => {
    expect(runCli(['train', '--models', 'SeasonalNaive,MLP', '--max-steps', '5', '--experiment', 'sums'], env).code).toBe(0);
    const folders = readdirSync(join(dir, 'models')).filter((f) => existsSync(join(dir, 'models', f, 'model.onnx')));
    expect(folders).toHaveLength(1);
    const folder = join(dir, 'models', folders[0]!);
    const { sha256, ...rest } = JSON.parse(readFileSync(join(folder, 'metadata.json'), 'utf8')) as { sha256: string };
    writeFileSync(join(folder, 'metadata.json'), JSON.stringify(rest));
    const onnx = readFileSync(join(folder, 'model.onnx'));
    onnx[onnx.length - 1] ^= 0x01;
    writeFileSync(join(folder, 'model.onnx'), onnx);
    const out = join(dir, 'mlp.csv');
    const run = runCli(['predict', '--model', 'MLP@1', '--data', sample, '--output', out], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: model MLP@1: ${join(folder, 'model.onnx')} does not match its registered checksum: sha256 `);
    expect(run.stderr).toContain(`the database records ${sha256}`);
    expect(existsSync(out)).toBe(false);
  });

  it('predict to stdout writes ids a spreadsheet would run with a leading quote', () => {
    const rows = readFileSync(sample, 'utf8').trim().split('\n');
    const data = join(dir, 'formula.csv');
    writeFileSync(data, [rows[0], ...rows.slice(1).map((line) => line.replace(/^[^,]*/, '=1+1'))].join('\n') + '\n');
    const run = runCli(['predict', '--model', 'SeasonalNaive@1', '--data', data], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('unique_id,ds,y_hat');
    expect(lines[1]).toBe("'=1+1,1961-01-01,417");
  });
});
