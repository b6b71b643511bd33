export type { Series, SeriesFrame } from './frame/series-frame';
export type { Frequency, FrequencyUnit } from './frame/frequency';
export { sliceFrame, sliceSeries } from './frame/slice-frame';
export { fingerprintFrame } from './frame/fingerprint-frame';
export { addPeriods, futureTimestamps } from './frequency/calendar';
export { inferFrequency, type TimestampSource } from './frequency/infer-frequency';
export { seasonLength } from './frequency/season-length';
export { formatTimestamp } from './frequency/format-timestamp';
export { parseFrequency } from './frequency/parse-frequency';
export { describeFrequency } from './frequency/describe-frequency';
export { parseTimestamp } from './csv/parse-timestamp';
export { REQUIRED_COLUMNS } from './csv/row-collector';
export { readCsv, type ReadCsvOptions, type ReadCsvResult, type ReadReport } from './csv/read-csv';
export type { FileFingerprint } from './csv/file-text';
export { MAX_ABS_VALUE } from './csv/row-collector';
export type { DataProblem, DataProblemCode } from './validation/data-problem';
export { checkMinLength } from './validation/check-min-length';
export { holdOut, type TrainTestSplit } from './split/hold-out';
export { crossValidationWindows, type CrossValidationOptions, type CrossValidationWindow } from './split/cross-validation-windows';
export { mae, mse, rmse, mape, smape } from './metrics/point-metrics';
export { mase, seasonalNaiveScale } from './metrics/mase';
export type { NonFiniteMetric } from './metrics/explain-non-finite';
export { METRICS, METRIC_NAMES, requireMetricName, type MetricName, type MetricFn, type MetricContext } from './metrics/metric-table';
export {
  evaluateForecasts,
  type PointForecasts,
  type SeriesScores,
  type Evaluation,
  type EvaluateOptions,
} from './metrics/evaluate-forecasts';
export { SeriesReader } from './reader/series-reader';
export { CsvSeriesReader } from './reader/csv-series-reader';
export { dataModule } from './data-module';
