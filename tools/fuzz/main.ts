/**
 * Fuzz harness: seeded bad inputs through the CSV reader (in-process, the
 * `readCsv` the CLI calls) and bad flags / environment values / data files
 * through the CLI itself (child processes, a sample: one case in `stride`).
 *
 *   npm run fuzz -- --cases 200 --seed 1            # CI: 190 in-process + 10 CLI cases
 *   npm run fuzz -- --cases 2000 --seed 1 --max-children 40
 *   npm run fuzz -- --cases 200 --seed 1 --case 17  # replay one case
 *
 * Flags: --cases N (200), --seed S (1), --case K, --max-children C (10; 0 = no
 * child processes), --class NAME (every case of one class, for debugging), --database-url URL (a server database to create the
 * throwaway one from; default postgres://postgres@127.0.0.1:5432/test).
 * Prints one JSON line per class and a totals line; exits 1 on any violation,
 * after printing each failing case with its replay command.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CaseResult } from './case-result';
import { CLI_CLASSES } from './cli-cases';
import { CSV_CLASSES } from './csv-cases';
import { FuzzDatabase } from './fuzz-database';
import { VIOLATIONS } from './invariants';
import { runCliCase, runMigrate, type ChildSetup } from './run-cli-case';
import { runCsvCase } from './run-csv-case';
import { SeededRandom } from './seeded-random';
import { summarize } from './summarize';

interface FuzzFlags {
  cases: number;
  seed: number;
  only?: number;
  maxChildren: number;
  adminUrl: string;
  /** Only this class (debugging): every case is of it. */
  klass?: string;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function integerFlag(name: string, fallback: number, min: number): number {
  const text = flag(name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) {
    process.stderr.write(`error: '--${name}' must be an integer >= ${min}, got "${text}"\n`);
    process.exit(2);
  }
  return n;
}

function parseFlags(): FuzzFlags {
  const klass = flag('class');
  if (klass !== undefined && !(klass in CSV_CLASSES) && !(klass in CLI_CLASSES)) {
    process.stderr.write(
      `error: '--class' must be one of ${[...Object.keys(CSV_CLASSES), ...Object.keys(CLI_CLASSES)].join(', ')}, got "${klass}"\n`,
    );
    process.exit(2);
  }
  const cases = integerFlag('cases', 200, 1);
  const only = flag('case') === undefined ? undefined : integerFlag('case', 0, 0);
  if (only !== undefined && only >= cases) {
    process.stderr.write(`error: '--case' must be below --cases (${cases}), got ${only}\n`);
    process.exit(2);
  }
  return {
    cases,
    only,
    seed: integerFlag('seed', 1, 0),
    maxChildren: integerFlag('max-children', 10, 0),
    adminUrl: flag('database-url') ?? 'postgres://postgres@127.0.0.1:5432/test',
    klass: flag('class'),
  };
}

/** Case K is a CLI case when it falls on the child stride; its class comes from its own generator. */
function planCase(flags: FuzzFlags, index: number): { kind: 'csv' | 'cli'; klass: string; rng: SeededRandom } {
  const rng = SeededRandom.forCase(flags.seed, index);
  if (flags.klass !== undefined) return { kind: flags.klass in CLI_CLASSES ? 'cli' : 'csv', klass: flags.klass, rng };
  const stride = flags.maxChildren === 0 ? 0 : Math.max(1, Math.floor(flags.cases / flags.maxChildren));
  if (stride > 0 && index % stride === 0 && index / stride < flags.maxChildren) {
    return { kind: 'cli', klass: rng.pick(Object.keys(CLI_CLASSES)), rng };
  }
  return { kind: 'csv', klass: rng.pick(Object.keys(CSV_CLASSES)), rng };
}

async function childSetup(flags: FuzzFlags, fuzzRoot: string, needed: boolean): Promise<ChildSetup | undefined> {
  if (!needed) return undefined;
  const tmpDir = join(fuzzRoot, 'tmp');
  mkdirSync(tmpDir);
  let database: FuzzDatabase | undefined;
  try {
    database = await FuzzDatabase.create(flags.adminUrl);
  } catch (error) {
    process.stdout.write(
      `${JSON.stringify({ bench: 'fuzz', note: `PostgreSQL not reachable (${(error as Error).message}); CLI cases use the embedded database, row counts unchecked` })}\n`,
    );
  }
  const setup: ChildSetup = { repoRoot: resolve(__dirname, '../..'), fuzzRoot, tmpDir, database, timeoutMs: 120_000 };
  if (database !== undefined) {
    // Create the tables once, so that every case is counted against the same schema.
    await runMigrate(setup, join(fuzzRoot, 'case-migrate'));
  }
  return setup;
}

async function main(): Promise<number> {
  const flags = parseFlags();
  const fuzzRoot = mkdtempSync(join(tmpdir(), 'tsforecast-fuzz-'));
  const indices = flags.only !== undefined ? [flags.only] : Array.from({ length: flags.cases }, (_, i) => i);
  const plans = indices.map((i) => ({ index: i, ...planCase(flags, i) }));
  const setup = await childSetup(
    flags,
    fuzzRoot,
    plans.some((p) => p.kind === 'cli'),
  );
  const started = Date.now();
  const results: CaseResult[] = [];
  try {
    for (const plan of plans) {
      const dir = join(fuzzRoot, `case-${plan.index}`);
      mkdirSync(dir);
      const result =
        plan.kind === 'csv'
          ? await runCsvCase(dir, plan.index, plan.klass, CSV_CLASSES[plan.klass]!(plan.rng), 20_000)
          : await runCliCase(setup!, dir, plan.index, plan.klass, CLI_CLASSES[plan.klass]!(plan.rng));
      results.push(result);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await setup?.database?.drop();
    rmSync(fuzzRoot, { recursive: true, force: true });
  }
  const replayFlags = `--cases ${flags.cases} --seed ${flags.seed} --max-children ${flags.maxChildren}${flags.klass ? ` --class ${flags.klass}` : ''}`;
  const seconds = (Date.now() - started) / 1000;
  const { lines, failed } = summarize(results, { seed: flags.seed, cases: flags.cases, seconds, violations: VIOLATIONS, replayFlags });
  for (const line of lines) process.stdout.write(`${line}\n`);
  return failed ? 1 : 0;
}

void main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
