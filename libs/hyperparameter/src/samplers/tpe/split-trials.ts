import { lastIntermediate, type Direction, type FrozenTrial } from '../../frozen-trial';

/** Size of the good set for n finished trials: min(⌈fraction·n⌉, cap); Optuna's default gamma is fraction 0.1, cap 25. */
export function defaultGamma(n: number, fraction = 0.1, cap = 25): number {
  return Math.min(Math.ceil(fraction * n), cap);
}

/**
 * Kernel weights of n observations ordered oldest first: all 1 below 25, else a
 * linear ramp from 1/n to 1 over the n − 25 oldest and 1 for the 25 newest
 * (Optuna's `default_weights`).
 */
export function defaultWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

function byNumber(a: FrozenTrial, b: FrozenTrial): number {
  return a.number - b.number;
}

/**
 * Rank key of a pruned trial: deeper trials first (−last step), then the last
 * intermediate value in the study's direction (NaN last); trials that never
 * reported rank behind all others.
 */
function prunedKey(trial: FrozenTrial, direction: Direction): [number, number] {
  const last = lastIntermediate(trial);
  if (last === undefined) return [1, 0];
  const [step, value] = last;
  if (Number.isNaN(value)) return [-step, Infinity];
  return [-step, direction === 'minimize' ? value : -value];
}

/**
 * Splits trials into the good ("below", l(x)) and bad ("above", g(x)) sets as
 * Optuna's `_split_trials` does: the best `nBelow` complete trials, topped up by
 * the best-ranked pruned ones; everything else — and every running trial (the
 * constant liar: a running trial counts as a bad result) — is "above". Failed
 * trials are ignored. Both sets come back ordered by trial number (oldest first).
 */
export function splitTrials(
  trials: readonly FrozenTrial[],
  direction: Direction,
  nBelow: number,
): { below: FrozenTrial[]; above: FrozenTrial[] } {
  const sign = direction === 'minimize' ? 1 : -1;
  const complete = trials
    .filter((t) => t.state === 'complete')
    .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.number - b.number);
  const pruned = trials
    .filter((t) => t.state === 'pruned')
    .map((t) => ({ t, key: prunedKey(t, direction) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.t.number - b.t.number)
    .map((x) => x.t);
  const running = trials.filter((t) => t.state === 'running');
  const nComplete = Math.min(nBelow, complete.length);
  const nPruned = Math.min(Math.max(0, nBelow - nComplete), pruned.length);
  const below = [...complete.slice(0, nComplete), ...pruned.slice(0, nPruned)].sort(byNumber);
  const above = [...complete.slice(nComplete), ...pruned.slice(nPruned), ...running].sort(byNumber);
  return { below, above };
}
