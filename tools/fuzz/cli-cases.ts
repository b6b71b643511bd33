import { CSV_CLASSES } from './csv-cases';
import { CANARY_PASSWORD } from './invariants';
import type { SeededRandom } from './seeded-random';

/** One CLI invocation with a bad flag, a bad environment value or a bad data file; all must be rejected. */
export interface CliCase {
  /** Arguments after `main.ts`; `{dir}` is replaced by the case folder. */
  args: string[];
  env: Record<string, string>;
  /** stderr must match: the flag/variable and the value, or the data file's location. */
  pattern: RegExp;
  /** Accepted exit codes (2 = usage, configuration or data error). */
  exitCodes: number[];
  /** Written to `{dir}/input.csv` before the run. */
  data?: Buffer;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Other names a message may use for a flag's field (`'frequency' must be …`, `Unknown model …`). */
const FIELD_NAMES: Record<string, string> = {
  '--freq': 'frequency',
  '--models': 'model',
  '--horizons': 'horizon',
  '--season-length': 'seasonLength|season length',
  '--max-steps': 'maxSteps',
  '--input-size': 'inputSize',
  '--rank-by': 'rankBy|metric',
};

/** The message names the flag (or its field) and the value, in either order. */
function names(flag: string, value: string): RegExp {
  const f = [escape(flag), ...(FIELD_NAMES[flag] ? [FIELD_NAMES[flag]] : [])].join('|');
  const v = escape(value);
  return new RegExp(`(${f})[\\s\\S]*${v}|${v}[\\s\\S]*(${f})`, 'i');
}

/** A train run that would succeed quickly (Naive on the bundled sample) but for `flag value`. */
function trainWith(flag: string, value: string, pattern = names(flag, value)): CliCase {
  const base: Record<string, string> = { '--models': 'Naive', '--horizons': '1', '--output-dir': '{dir}/out', '--experiment': 'fuzz' };
  base[flag] = value;
  return { args: ['train', ...Object.entries(base).flatMap(([k, v]) => [k, v])], env: {}, pattern, exitCodes: [2] };
}

/** A list flag `[value, offending item]`: the message must name the flag and the item it rejects (the first bad one). */
function listFlag(flag: string, [value, offending]: string[]): CliCase {
  return trainWith(flag, value!, names(flag, offending ?? value!));
}

/** A command that reads settings and the database, under one bad environment value. */
function envCase(name: string, value: string, pattern = names(name, value), exitCodes = [2]): CliCase {
  return { args: ['runs', 'list', '--experiment', 'fuzz'], env: { [name]: value }, pattern, exitCodes };
}

const encoded = encodeURIComponent(CANARY_PASSWORD);

/** Every CLI class: bad flags, bad environment values, bad data through `train --data`. */
export const CLI_CLASSES: Record<string, (rng: SeededRandom) => CliCase> = {
  'flag-horizons': (rng) => listFlag('--horizons', rng.pick([['0'], ['-1'], ['abc'], ['0,-1,abc', '0'], ['1.5'], [' '], ['12,,x', 'x']])),
  'flag-models': (rng) => listFlag('--models', rng.pick([['Nope'], ['Naive,Nope', 'Nope'], ['naive;drop table runs']])),
  'flag-freq': (rng) => trainWith('--freq', rng.pick(['Z', 'fortnightly', '0H', '-1D'])),
  'flag-season-length': (rng) => trainWith('--season-length', rng.pick(['x', '0', '-3', '2.5'])),
  'flag-max-steps': (rng) => trainWith('--max-steps', rng.pick(['-5', '0', 'many', '1e3'])),
  'flag-input-size': (rng) => trainWith('--input-size', rng.pick(['0', 'x', '-24'])),
  'flag-rank-by': (rng) => trainWith('--rank-by', rng.pick(['foo', 'MAE ', 'r2'])),
  'flag-search': (rng) => trainWith('--search', rng.pick(['bayes', 'TPE', ''])),
  'flag-data-missing': () => trainWith('--data', '{dir}/nope.csv', /nope\.csv/),
  'flag-unknown': (rng) => {
    const flag = rng.pick(['--bogus', '--horizon', '--model']);
    return {
      ...trainWith('--experiment', 'fuzz'),
      args: [...trainWith('--experiment', 'fuzz').args, flag, '1'],
      pattern: new RegExp(escape(flag)),
    };
  },
  'env-log-level': (rng) => envCase('LOG_LEVEL', rng.pick(['loud', 'verbose', '5'])),
  'env-log-format': (rng) => envCase('LOG_FORMAT', rng.pick(['xml', 'JSONL'])),
  'env-max-parallel-runs': (rng) => envCase('MAX_PARALLEL_RUNS', rng.pick(['-1', '0', 'many', '1.5'])),
  'env-backend': (rng) => envCase('DEFAULT_BACKEND', rng.pick(['tpu', 'gpu'])),
  'env-database-url': (rng) => {
    const url = rng.pick([
      `postgres://fuzz:${CANARY_PASSWORD}@127.0.0.1:1/fuzz`,
      `not a url ${CANARY_PASSWORD}`,
      `postgres://fuzz:${CANARY_PASSWORD}@/`,
      `mysql://fuzz:${encoded}@127.0.0.1:1/fuzz`,
      `postgres://fuzz:${encoded}@127.0.0.1:notaport/fuzz`,
    ]);
    return envCase('DATABASE_URL', url, /DATABASE_URL|database/i);
  },
  'env-database-unreachable': () =>
    // A well-formed URL to a closed port: a runtime failure, exit 1 or 2, but never the password.
    envCase('DATABASE_URL', `postgres://fuzz:${encoded}@127.0.0.1:1/fuzz`, /127\.0\.0\.1|ECONNREFUSED|connect/i, [1, 2]),
  'csv-via-cli': (rng) => {
    const klass = rng.pick(['nul-byte', 'latin1', 'padded-id', 'huge-value', 'truncated-last-line', 'unclosed-quote', 'duplicate-rows']);
    const csv = CSV_CLASSES[klass]!(rng);
    return { ...trainWith('--data', '{dir}/input.csv', csv.pattern!), data: csv.bytes };
  },
};
