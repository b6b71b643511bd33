import { hourlySeries } from '@tsforecast/service/testing';

/** `series` hourly series of `length` points as a long-format CSV (`unique_id,ds,y`), e.g. to upload. */
export function hourlyCsv(series: number, length: number): string {
  const rows = Array.from({ length: series }, (_, i) => hourlySeries(`s${String(i)}`, length, i * 3)).flatMap((s) =>
    s.ds.map((ds, t) => `${s.unique_id},${ds},${s.y[t]!.toFixed(3)}`),
  );
  return ['unique_id,ds,y', ...rows].join('\n') + '\n';
}
