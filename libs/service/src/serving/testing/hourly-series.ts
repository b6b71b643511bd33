import type { SeriesFrame } from '@tsforecast/data';
import type { SeriesInput } from '../series-input';

const start = Date.UTC(2024, 0, 1);
const hour = 3_600_000;

/**
 * The `ds` of hour `t` of every {@link hourlySeries} (`2024-01-01T00:00:00` plus
 * `t` hours), e.g. the first forecast timestamp after a series of length `t`.
 *
 * @example
 * hourlyTimestamp(60) // '2024-01-03T12:00:00'
 */
export function hourlyTimestamp(t: number): string {
  return new Date(start + t * hour).toISOString().slice(0, 19);
}

/**
 * An hourly series as `POST /forecast` takes it (`ds` without a zone, from
 * 2024-01-01T00:00:00): a daily cycle around 50, a weekly wobble, and `phase`
 * hours of shift so that series differ.
 *
 * @example
 * const body = { model: 'NHITS@production', series: [hourlySeries('a', 48)] };
 */
export function hourlySeries(id: string, length: number, phase = 0): { unique_id: string; ds: string[]; y: number[] } {
  const ds = Array.from({ length }, (_, t) => hourlyTimestamp(t));
  const y = Array.from({ length }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * (t + phase)) / 24) + (t % 7) * 0.3);
  return { unique_id: id, ds, y };
}

/** The same series as an hourly {@link SeriesFrame} (season 24), e.g. to fit a model on. */
export function hourlyFrame(series: readonly SeriesInput[]): SeriesFrame {
  return {
    series: series.map((s) => ({
      id: s.unique_id,
      ds: Float64Array.from(s.ds, (d) => Date.parse(`${d}Z`)),
      y: Float64Array.from(s.y),
      exogenous: {},
    })),
    frequency: { unit: 'hour', step: 1 },
    seasonLength: 24,
    exogenousColumns: [],
  };
}
