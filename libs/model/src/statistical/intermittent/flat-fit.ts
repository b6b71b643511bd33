import type { SeriesFit } from '../core/series-fit';

/**
 * A fit whose forecast repeats one value at every step, without intervals
 * (StatsForecast's intermittent models give only conformal ones).
 *
 * @internal
 */
export function flatFit(label: string, value: number): SeriesFit {
  return { label, forecast: (h) => ({ mean: new Float64Array(h).fill(value), lo: [], hi: [] }) };
}
