import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_CLASSES } from './cli-cases';
import { CSV_CLASSES } from './csv-cases';
import { CANARY_PASSWORD, outputViolations, VIOLATIONS } from './invariants';
import { runCsvCase } from './run-csv-case';
import { SeededRandom } from './seeded-random';
import { summarize } from './summarize';

describe('fuzz harness', () => {
  let root: string;
  let next = 0;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tsforecast-fuzz-spec-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const caseDir = (): string => {
    const dir = join(root, `case-${next++}`);
    mkdirSync(dir);
    return dir;
  };

  it.each(Object.keys(CSV_CLASSES))('CSV class %s: the reader meets every invariant on 3 seeded cases', async (klass) => {
    for (let index = 0; index < 3; index++) {
      const c = CSV_CLASSES[klass]!(SeededRandom.forCase(7, index));
      const result = await runCsvCase(caseDir(), index, klass, c, 20_000);
      expect({ klass, violations: result.violations, detail: result.detail }).toEqual({ klass, violations: [], detail: '' });
      expect(result.outcome).toBe(klass.startsWith('valid') ? 'accepted' : 'rejected');
    }
  });

  it('replays a case exactly from (seed, case) and varies between cases', () => {
    const bytes = (seed: number, index: number) => CSV_CLASSES['nul-byte']!(SeededRandom.forCase(seed, index)).bytes.toString('hex');
    expect(bytes(1, 5)).toBe(bytes(1, 5));
    expect(bytes(1, 5)).not.toBe(bytes(1, 6));
    expect(CLI_CLASSES['flag-horizons']!(SeededRandom.forCase(3, 2))).toEqual(CLI_CLASSES['flag-horizons']!(SeededRandom.forCase(3, 2)));
  });

  it('flags a stack trace and the canary password, whole or in part, encoded or not', () => {
    expect(outputViolations('error: x\n    at readCsv (read-csv.ts:10:5)\n')).toEqual(['stack_traces']);
    expect(outputViolations(`postgres://u:${CANARY_PASSWORD}@h/db`)).toEqual(['password_leaks']);
    expect(outputViolations(`u:${encodeURIComponent(CANARY_PASSWORD)}@h`)).toEqual(['password_leaks']);
    expect(outputViolations(`password c4naryPW/x`)).toEqual(['password_leaks']);
    expect(outputViolations("error: 'DATABASE_URL' must be a postgres:// URL, got postgres://u:***@h/db")).toEqual([]);
  });

  it('counts a wrong outcome and an unclear message as violations', async () => {
    const good = CSV_CLASSES['valid']!(SeededRandom.forCase(1, 0));
    expect((await runCsvCase(caseDir(), 0, 'valid', { ...good, expect: 'reject', pattern: /x/ }, 20_000)).violations).toEqual([
      'wrong_outcome',
    ]);
    const bad = CSV_CLASSES['nul-byte']!(SeededRandom.forCase(1, 0));
    expect((await runCsvCase(caseDir(), 0, 'nul-byte', { ...bad, expect: 'accept' }, 20_000)).violations).toEqual(['wrong_outcome']);
    expect((await runCsvCase(caseDir(), 0, 'nul-byte', { ...bad, pattern: /names the moon/ }, 20_000)).violations).toEqual([
      'unclear_messages',
    ]);
  });

  it('reports totals with every violation count and fails on any violation, hiding the canary', () => {
    const run = { seed: 1, cases: 2, seconds: 1, violations: VIOLATIONS, replayFlags: '--cases 2 --seed 1' };
    const clean = summarize([{ index: 0, klass: 'valid', kind: 'csv', outcome: 'accepted', violations: [], detail: '', ms: 1 }], run);
    expect(clean.failed).toBe(false);
    expect(JSON.parse(clean.lines.at(-1)!)).toMatchObject({
      bench: 'fuzz',
      cases: 1,
      stack_traces: 0,
      password_leaks: 0,
      hangs: 0,
      db_changes: 0,
    });
    const leak = summarize(
      [
        {
          index: 1,
          klass: 'env-database-url',
          kind: 'cli',
          outcome: 'rejected',
          violations: ['password_leaks'],
          detail: `url ${CANARY_PASSWORD}`,
          ms: 1,
        },
      ],
      run,
    );
    expect(leak.failed).toBe(true);
    expect(leak.lines[0]).toMatch(/"replay":"npm run fuzz -- --cases 2 --seed 1 --case 1"/);
    expect(leak.lines.join('\n')).not.toMatch(/c4naryPW/);
  });
});
