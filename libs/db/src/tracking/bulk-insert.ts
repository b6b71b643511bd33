import { UsageError } from '@tsforecast/config';
import type { EntityManager } from 'typeorm';
import type { MetricInput, PredictionInput } from './tracking-store';

/**
 * Rows per statement. `INSERT … SELECT FROM unnest($arrays)` sends one array
 * per column, so the 65,535-parameter limit never applies; the chunk only
 * bounds the size of one protocol message.
 */
const rowsPerStatement = 20_000;

/**
 * Inserts metric rows with one statement per chunk. Run it inside the caller's
 * transaction (`em` is that transaction's manager).
 * @internal
 */
export async function insertMetrics(em: EntityManager, runId: string, rows: readonly MetricInput[]): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    await em.query(
      `INSERT INTO metrics (run_id, name, value, step, cv_window, series_id)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::float8[], $4::int4[], $5::int4[], $6::text[])`,
      [
        runId,
        chunk.map((row) => row.name),
        chunk.map((row) => row.value),
        chunk.map((row) => row.step ?? null),
        chunk.map((row) => row.window ?? null),
        chunk.map((row) => row.seriesId ?? null),
      ],
    );
  }
}

/**
 * Inserts forecast rows with one statement per chunk (thousands of rows in a
 * few milliseconds, unlike one INSERT per row). Run it inside a transaction.
 * @internal
 */
export async function insertPredictions(
  em: EntityManager,
  runId: string,
  modelId: string | null,
  rows: readonly PredictionInput[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    await em.query(
      // Timestamps travel as epoch milliseconds: parsing timestamptz text costs
      // ~100 µs per value in PGlite (WebAssembly, the former embedded engine), float8 almost nothing.
      `INSERT INTO predictions (run_id, model_id, series_id, ds, value, quantiles, cutoff)
       SELECT $1::uuid, $2::uuid, t.series_id, to_timestamp(t.ds_ms / 1000.0), t.value, t.quantiles,
              to_timestamp(t.cutoff_ms / 1000.0)
       FROM unnest($3::text[], $4::float8[], $5::float8[], $6::jsonb[], $7::float8[])
         AS t (series_id, ds_ms, value, quantiles, cutoff_ms)`,
      [
        runId,
        modelId,
        chunk.map((row) => row.seriesId),
        chunk.map((row, i) => epochMs(row.ds, 'ds', start + i)),
        chunk.map((row) => row.value),
        chunk.map((row) => (row.quantiles == null ? null : JSON.stringify(row.quantiles))),
        chunk.map((row, i) => (row.cutoff == null ? null : epochMs(row.cutoff, 'cutoff', start + i))),
      ],
    );
  }
}

function epochMs(value: Date, field: string, index: number): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`'${field}' of prediction ${index} must be a valid Date, got ${String(value)}`);
  return ms;
}
