export { ServingService, SESSION_BYTES_PER_MODEL_BYTE } from './serving-service';
export type { ServingRequest, ServedForecast, ServedSeriesForecast, ServingStats } from './serving-service';
export type { SeriesInput } from './series-input';
export type { SessionCacheStats } from './model-session-cache';
export { servingModule } from './serving-module';
export { parseForecastCsv, formatForecastCsv } from './forecast-csv';
