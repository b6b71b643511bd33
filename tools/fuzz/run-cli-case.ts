import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shorten, type CaseResult } from './case-result';
import type { CliCase } from './cli-cases';
import { countChanges, type FuzzDatabase } from './fuzz-database';
import { outputViolations, type Violation } from './invariants';

/** Where the CLI lives and what every child shares. */
export interface ChildSetup {
  repoRoot: string;
  /** The fuzz run's folder; each case gets a subfolder. */
  fuzzRoot: string;
  /** Shared TMPDIR of the children (tsx's transform cache), not checked for files. */
  tmpDir: string;
  database?: FuzzDatabase;
  timeoutMs: number;
}

interface ChildRun {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/** Runs `tsx apps/cli/src/main.ts …` in its own process group; kills the group after `timeoutMs`. */
function runChild(setup: ChildSetup, caseDir: string, args: string[], env: Record<string, string>): Promise<ChildRun> {
  const tsx = join(setup.repoRoot, 'node_modules/.bin/tsx');
  const main = join(setup.repoRoot, 'apps/cli/src/main.ts');
  // A small, explicit environment: nothing of the caller's (its DATABASE_URL, .env) leaks in.
  const childEnv: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: caseDir,
    TMPDIR: setup.tmpDir,
    TSX_TSCONFIG_PATH: join(setup.repoRoot, 'tsconfig.json'),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(caseDir, 'data'),
    MODEL_DIR: join(caseDir, 'models'),
    OUTPUT_DIR: join(caseDir, 'out'),
    LOG_DIR: join(caseDir, 'logs'),
    ONNXRUNTIME_NODE_INSTALL: 'skip',
    ...(setup.database ? { DATABASE_URL: setup.database.url } : {}),
    ...env,
  };
  return new Promise((resolve) => {
    const child = spawn(tsx, [main, ...args], { cwd: caseDir, env: childEnv, detached: true });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, setup.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

/** Top-level names of the repository and of the fuzz folder (minus case folders), to spot stray files. */
function snapshot(setup: ChildSetup): string[] {
  const fuzz = readdirSync(setup.fuzzRoot).filter((n) => !n.startsWith('case-') && join(setup.fuzzRoot, n) !== setup.tmpDir);
  return [...readdirSync(setup.repoRoot).map((n) => `repo/${n}`), ...fuzz.map((n) => `fuzz/${n}`)].sort();
}

/**
 * Runs one CLI case as a child process and checks: the exit code, a message
 * that names the flag/variable and value (or the data file's location), no
 * stack trace, no canary password, no change to any table's row count, no
 * new file outside the case folder, no hang.
 */
export async function runCliCase(setup: ChildSetup, caseDir: string, index: number, klass: string, c: CliCase): Promise<CaseResult> {
  if (c.data) writeFileSync(join(caseDir, 'input.csv'), c.data);
  const args = c.args.map((a) => a.replace('{dir}', caseDir));
  const before = await setup.database?.rowCounts();
  const files = snapshot(setup);
  const started = Date.now();
  const run = await runChild(setup, caseDir, args, c.env);
  const ms = Date.now() - started;
  const violations: Violation[] = outputViolations(run.output);
  const notes: string[] = [];
  if (run.timedOut) violations.push('hangs');
  else if (!c.exitCodes.includes(run.code ?? -1)) {
    violations.push('wrong_outcome');
    notes.push(`exit ${run.code}, expected ${c.exitCodes.join(' or ')}`);
  } else if (!c.pattern.test(run.output)) {
    violations.push('unclear_messages');
    notes.push(`output does not match ${c.pattern}`);
  }
  if (before !== undefined) {
    const changes = countChanges(before, await setup.database!.rowCounts());
    if (changes.length > 0) {
      violations.push('db_changes');
      notes.push(`rows changed: ${changes.join(', ')}`);
    }
  }
  const stray = snapshot(setup).filter((n) => !files.includes(n));
  if (stray.length > 0) {
    violations.push('files_outside');
    notes.push(`new files outside the case folder: ${stray.join(', ')}`);
  }
  const detail = violations.length
    ? `${notes.join('; ')} | args ${JSON.stringify(args)} env ${JSON.stringify(c.env)} | output: ${shorten(run.output)}`
    : '';
  return { index, klass, kind: 'cli', outcome: run.code === 0 ? 'accepted' : 'rejected', violations, detail, ms };
}

/** Applies the migrations to the throwaway database once, before the cases (not counted). */
export async function runMigrate(setup: ChildSetup, dir: string): Promise<void> {
  mkdirSync(dir);
  const run = await runChild(setup, dir, ['migrate'], {});
  if (run.code !== 0) throw new Error(`migrate on the fuzz database failed (exit ${run.code}): ${shorten(run.output)}`);
}
