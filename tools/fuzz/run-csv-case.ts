import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, UsageError } from '@tsforecast/config';
import { readCsv } from '@tsforecast/data';
import { shorten, type CaseResult } from './case-result';
import type { CsvCase } from './csv-cases';
import { outputViolations, type Violation } from './invariants';

const CHANGE_CHUNK = 64;

/** Reads `input.csv` in `dir` with the reader the CLI uses; undefined when it hung past `timeoutMs`. */
async function read(path: string, c: CsvCase, timeoutMs: number): Promise<{ error?: unknown } | undefined> {
  const hooks = c.changeDuringRead
    ? { chunkBytes: CHANGE_CHUNK, afterChunk: (n: number) => (n === CHANGE_CHUNK ? appendFileSync(path, 'A,2099-01-01,1\n') : undefined) }
    : {};
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  const result = readCsv(path, {}, hooks).then(
    () => ({}),
    (error: unknown) => ({ error }),
  );
  try {
    return await Promise.race([result, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one CSV case in-process through `readCsv`: a valid file must be read,
 * a bad one must throw a DataError or UsageError whose message matches the
 * class pattern, without a stack trace.
 */
export async function runCsvCase(dir: string, index: number, klass: string, c: CsvCase, timeoutMs: number): Promise<CaseResult> {
  const path = join(dir, 'input.csv');
  writeFileSync(path, c.bytes);
  const started = Date.now();
  const result = await read(path, c, timeoutMs);
  const ms = Date.now() - started;
  const base = { index, klass, kind: 'csv' as const, ms };
  if (result === undefined) return { ...base, outcome: 'accepted', violations: ['hangs'], detail: `no answer within ${timeoutMs} ms` };
  if (!('error' in result)) {
    const violations: Violation[] = c.expect === 'reject' ? ['wrong_outcome'] : [];
    return {
      ...base,
      outcome: 'accepted',
      violations,
      detail: violations.length ? `accepted; expected a rejection matching ${c.pattern}` : '',
    };
  }
  const error = result.error;
  const message = error instanceof Error ? error.message : String(error);
  const violations = outputViolations(message);
  if (!(error instanceof DataError || error instanceof UsageError)) violations.push('wrong_outcome');
  else if (c.expect === 'accept') violations.push('wrong_outcome');
  else if (!c.pattern!.test(message)) violations.push('unclear_messages');
  const kindOf = error instanceof Error ? error.constructor.name : typeof error;
  return {
    ...base,
    outcome: 'rejected',
    violations,
    detail: violations.length ? `${kindOf}: ${shorten(message)} (expected ${c.expect}${c.pattern ? ` ${c.pattern}` : ''})` : '',
  };
}
