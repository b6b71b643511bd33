import { formatTimestamp, type Frequency } from '@tsforecast/data';

/**
 * A request's forecast timestamps as text. Series that end together get the same future timestamps (in most
 * requests every series does): those of the series before are copied instead of formatted again.
 *
 * @example
 * const timestamps = new FormattedTimestamps({ unit: 'hour', step: 1 });
 * timestamps.format(forecast.ds); // ['2024-01-03T00:00:00', …]
 */
export class FormattedTimestamps {
  private lastDs: Float64Array | undefined;
  private lastText: string[] = [];

  constructor(private readonly frequency: Frequency) {}

  format(ds: Float64Array): string[] {
    if (this.lastDs !== undefined && sameValues(ds, this.lastDs)) return this.lastText.slice();
    const out = new Array<string>(ds.length);
    for (let k = 0; k < ds.length; k++) out[k] = formatTimestamp(ds[k]!, this.frequency);
    this.lastDs = ds;
    this.lastText = out;
    return out.slice();
  }
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
