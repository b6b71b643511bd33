import { injectable, injectFromBase } from 'inversify';
import { UsageError } from '@tsforecast/config';
import { DataSourceStore } from '../data-source/data-source-store';
import type { PredictionLogStore, ServedPredictionColumns } from './prediction-log-store';

/** Rows per statement: `unnest` of one array per column, so only the protocol message size bounds it. */
const rowsPerStatement = 20_000;

/**
 * {@link PredictionLogStore} on PostgreSQL: `INSERT … SELECT FROM unnest(…)`,
 * timestamps as epoch milliseconds (float8 travels cheaper than text).
 */
@injectable()
@injectFromBase()
export class TypeOrmPredictionLogStore extends DataSourceStore implements PredictionLogStore {
  async appendServed(columns: ServedPredictionColumns): Promise<number> {
    const count = columns.seriesIds.length;
    for (const [name, values] of Object.entries(columns) as [string, readonly unknown[]][]) {
      if (values.length !== count) throw new UsageError(`'${name}' holds ${values.length} values; expected ${count} as 'seriesIds'`);
    }
    for (let start = 0; start < count; start += rowsPerStatement) {
      const part = <T>(values: readonly T[]) => values.slice(start, start + rowsPerStatement);
      await this.dataSource.query(
        `INSERT INTO predictions (run_id, model_id, series_id, ds, value, quantiles, served_at)
         SELECT t.run_id, t.model_id, t.series_id, to_timestamp(t.ds_ms / 1000.0), t.value, t.quantiles,
                to_timestamp(t.served_ms / 1000.0)
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::float8[], $5::float8[], $6::jsonb[], $7::float8[])
           AS t (run_id, model_id, series_id, ds_ms, value, quantiles, served_ms)`,
        [
          part(columns.runIds),
          part(columns.modelIds),
          part(columns.seriesIds),
          part(columns.dsMs),
          part(columns.values),
          part(columns.quantiles),
          part(columns.servedAtMs),
        ],
      );
    }
    return count;
  }
}
