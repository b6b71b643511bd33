import type { CaseResult } from './case-result';
import { CANARY_PASSWORD, type Violation } from './invariants';

/** Hides the canary password in the harness's own report (its presence is already a `password_leaks` violation). */
function hideCanary(text: string): string {
  let out = text;
  for (const form of [JSON.stringify(CANARY_PASSWORD).slice(1, -1), CANARY_PASSWORD, encodeURIComponent(CANARY_PASSWORD)])
    out = out.split(form).join('<canary>');
  return out.replace(/c4naryPW/g, '<canary>');
}

/**
 * The report: one JSON line per failing case (with its replay command), one
 * per class with counts, and a totals line with every violation count.
 */
export function summarize(
  results: CaseResult[],
  run: { seed: number; cases: number; seconds: number; violations: readonly Violation[]; replayFlags: string },
): { lines: string[]; failed: boolean } {
  const lines: string[] = [];
  for (const r of results.filter((x) => x.violations.length > 0)) {
    lines.push(
      JSON.stringify({
        bench: 'fuzz',
        failing_case: r.index,
        seed: run.seed,
        class: r.klass,
        kind: r.kind,
        violations: r.violations,
        replay: `npm run fuzz -- ${run.replayFlags} --case ${r.index}`,
        detail: hideCanary(r.detail),
      }),
    );
  }
  const classes = [...new Set(results.map((r) => r.klass))].sort();
  for (const klass of classes) {
    const of = results.filter((r) => r.klass === klass);
    lines.push(
      JSON.stringify({
        bench: 'fuzz',
        class: klass,
        kind: of[0]!.kind,
        cases: of.length,
        accepted: of.filter((r) => r.outcome === 'accepted').length,
        rejected: of.filter((r) => r.outcome === 'rejected').length,
        violations: of.filter((r) => r.violations.length > 0).length,
        max_ms: Math.max(...of.map((r) => r.ms)),
      }),
    );
  }
  const totals: Record<string, number | string> = {
    bench: 'fuzz',
    seed: run.seed,
    cases: results.length,
    in_process: results.filter((r) => r.kind === 'csv').length,
    child_processes: results.filter((r) => r.kind === 'cli').length,
  };
  for (const v of run.violations) totals[v] = results.filter((r) => r.violations.includes(v)).length;
  totals['failing_cases'] = results.filter((r) => r.violations.length > 0).length;
  totals['seconds'] = Math.round(run.seconds * 10) / 10;
  lines.push(JSON.stringify(totals));
  return { lines, failed: totals['failing_cases'] !== 0 };
}
