/** The temporal scalers (NeuralForecast `scaler_type`), applied per window from its input part. */
export const SCALER_TYPES = ['identity', 'standard', 'robust', 'minmax', 'revin'] as const;

/** One of {@link SCALER_TYPES}. */
export type ScalerType = (typeof SCALER_TYPES)[number];
