import { evaluateForecasts } from '@tsforecast/data';
import type { BenchDataset } from './datasets';

/** Accuracy of one method on one dataset, averaged over series (M4 style: every series weighs the same). */
export interface Score {
  /** Mean sMAPE, 0–200 scale. */
  smape: number;
  /** Mean MASE, in-sample seasonal-naive scale with the dataset's m. */
  mase: number;
  /** Series left out of the MASE mean because their scale is 0 (a constant training part). */
  maseExcluded: number;
}

/**
 * Scores point forecasts `mean` ([series][h], in the dataset's series order)
 * against the held-out points, with the data lib's sMAPE and MASE.
 * @throws Error naming the dataset when a forecast is missing, has the wrong length or is not finite.
 */
export function scoreForecasts(dataset: BenchDataset, mean: readonly Float64Array[], method: string): Score {
  const ids = dataset.test.series.map((s) => s.id);
  if (mean.length !== ids.length) throw new Error(`${method} on ${dataset.name}: ${mean.length} forecasts for ${ids.length} series`);
  mean.forEach((f, i) => {
    if (f.length !== dataset.h || !f.every(Number.isFinite))
      throw new Error(
        `${method} on ${dataset.name}: forecast of series '${ids[i]}' must be ${dataset.h} finite values, got [${Array.from(f).join(', ')}]`,
      );
  });
  const { perSeries } = evaluateForecasts(
    dataset.test,
    { seriesIds: ids, mean },
    { train: dataset.train, seasonLength: dataset.m, metrics: ['smape', 'mase'] },
  );
  let smape = 0;
  let mase = 0;
  let maseCount = 0;
  for (const { values } of perSeries) {
    smape += values.smape;
    if (Number.isFinite(values.mase)) {
      mase += values.mase;
      maseCount++;
    }
  }
  return {
    smape: smape / perSeries.length,
    mase: maseCount > 0 ? mase / maseCount : Number.NaN,
    maseExcluded: perSeries.length - maseCount,
  };
}

/** Element-wise mean of several methods' forecasts (the "comb" of M3/M4: equal weights). */
export function combine(members: ReadonlyArray<readonly Float64Array[]>): Float64Array[] {
  const first = members[0]!;
  return first.map((_, i) => {
    const out = new Float64Array(first[i]!.length);
    for (const member of members) for (let t = 0; t < out.length; t++) out[t] = out[t]! + member[i]![t]! / members.length;
    return out;
  });
}

/** Largest |a − b| over all series and steps (how far ours is from R's paired method). */
export function maxAbsDifference(a: readonly Float64Array[], b: readonly Float64Array[]): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) for (let t = 0; t < a[i]!.length; t++) max = Math.max(max, Math.abs(a[i]![t]! - b[i]![t]!));
  return max;
}
