/** What a fuzz case may never do, whatever its input. */
export type Violation = 'stack_traces' | 'unclear_messages' | 'wrong_outcome' | 'db_changes' | 'hangs' | 'password_leaks' | 'files_outside';

export const VIOLATIONS: readonly Violation[] = [
  'stack_traces',
  'unclear_messages',
  'wrong_outcome',
  'db_changes',
  'hangs',
  'password_leaks',
  'files_outside',
];

/**
 * The canary password of the DATABASE_URL cases: every character that breaks
 * naive URL handling (`/ @ : # %` and a space). It must never be printed,
 * whole or in part; its first 8 characters are unique enough to search for.
 */
export const CANARY_PASSWORD = 'c4naryPW/x@y:z#w%q s';
const CANARY_MARKERS = ['c4naryPW', encodeURIComponent('c4naryPW')];

/** A stack frame line as Node prints it. */
const STACK_LINE = /^\s{4}at \S/m;

/** Checks the text a case printed (or the message it threw): no stack trace, no canary. */
export function outputViolations(output: string): Violation[] {
  const found: Violation[] = [];
  if (STACK_LINE.test(output)) found.push('stack_traces');
  if (CANARY_MARKERS.some((marker) => output.includes(marker))) found.push('password_leaks');
  return found;
}
