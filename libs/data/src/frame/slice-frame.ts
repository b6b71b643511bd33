import type { Series, SeriesFrame } from './series-frame';

/**
 * Points `[start, end)` of a series, copied (target, timestamps and exogenous
 * columns alike), so callers may change the result freely.
 *
 * @example
 * sliceSeries(series, 0, series.y.length - 12) // all but the last 12 points
 */
export function sliceSeries(series: Series, start: number, end: number): Series {
  const exogenous: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(series.exogenous)) exogenous[name] = values.slice(start, end);
  return { id: series.id, ds: series.ds.slice(start, end), y: series.y.slice(start, end), exogenous };
}

/**
 * A frame with each series cut to the range `pick` returns for it; frequency,
 * season length and exogenous columns carry over.
 *
 * @example
 * sliceFrame(frame, (s) => [s.y.length - 24, s.y.length]) // the last day of hourly data
 */
export function sliceFrame(frame: SeriesFrame, pick: (series: Series, index: number) => readonly [number, number]): SeriesFrame {
  return {
    ...frame,
    exogenousColumns: [...frame.exogenousColumns],
    series: frame.series.map((s, i) => {
      const [start, end] = pick(s, i);
      return sliceSeries(s, start, end);
    }),
  };
}
