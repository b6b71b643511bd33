#!/usr/bin/env node
// `npm test`: every project's Jest suite (the same `jest` run from the project's
// folder that `nx test <project>` runs), N at a time (`npm test` passes 3: on
// the 2-core CI machine 3 took 4 min 21 s, 2 took 4 min 35 s), the slowest
// projects first. `nx run-many -t test` starts them in project-graph order, which put
// the slowest (cli, service) last and left one of two slots idle for the last
// minute. Each project's output is printed whole when it ends, then a summary;
// the exit code is 1 when any project failed.
//
//   node tools/test/run-tests.mjs [--parallel=N] [project folder …]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const parallelArg = args.find((arg) => arg.startsWith('--parallel='));
const parallel = parallelArg === undefined ? 2 : Number(parallelArg.slice('--parallel='.length));
if (!Number.isInteger(parallel) || parallel < 1) {
  process.stderr.write(`--parallel: expected a whole number ≥ 1, got '${parallelArg}'\n`);
  process.exit(2);
}

const all = [...['apps', 'libs'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`)), 'tools'].filter(
  (project) => existsSync(join(root, project, 'jest.config.cjs')),
);
const asked = args.filter((arg) => !arg.startsWith('--')).map((arg) => arg.replace(/\/$/, ''));
for (const project of asked) {
  if (!all.includes(project)) {
    process.stderr.write(`unknown project '${project}': expected one of ${all.join(', ')}\n`);
    process.exit(2);
  }
}
// Slowest first (seconds in CI, 2026-12-02: service 128, cli 114, api 82, execution 48, model 45, db 44, app 16).
const slowestFirst = ['libs/service', 'apps/cli', 'apps/api', 'libs/execution', 'libs/model', 'libs/db', 'libs/app'];
const chosen = asked.length > 0 ? asked : all;
const queue = [
  ...slowestFirst.filter((project) => chosen.includes(project)),
  ...chosen.filter((project) => !slowestFirst.includes(project)).sort(),
];

const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
// What @nx/jest's inferred target sets for ts-jest.
const env = {
  ...process.env,
  TS_NODE_COMPILER_OPTIONS: JSON.stringify({ moduleResolution: 'node10', module: 'commonjs', customConditions: null }),
};

/** Runs one project's Jest; resolves with its exit code and seconds, its output printed whole at the end. */
function run(project) {
  const began = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jest], { cwd: join(root, project), env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - began) / 1000;
      const status = code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`;
      process.stdout.write(`\n=== ${project}: ${status} in ${seconds.toFixed(1)} s\n${Buffer.concat(output).toString()}`);
      resolve({ project, code: code ?? 1, seconds });
    });
  });
}

const results = [];
async function slot() {
  for (let project = queue.shift(); project !== undefined; project = queue.shift()) results.push(await run(project));
}
const began = Date.now();
await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, slot));
const failed = results.filter((result) => result.code !== 0);
process.stdout.write(`\n=== ${results.length} projects in ${((Date.now() - began) / 1000).toFixed(1)} s, ${parallel} at a time\n`);
for (const result of results)
  process.stdout.write(`${result.code === 0 ? 'passed' : 'FAILED'}  ${result.project}  ${result.seconds.toFixed(1)} s\n`);
if (failed.length > 0) {
  process.stdout.write(`\n${failed.length} project(s) failed: ${failed.map((result) => result.project).join(', ')}\n`);
  process.exit(1);
}
