import { z } from 'zod';

const booleanText = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().min(1);

/**
 * Every setting the system reads, by its environment-variable name, with its
 * default. One schema serves env, `.env`, config files and CLI flags.
 */
export const settingsSchema = z.object({
  /** PostgreSQL server URL. Unset: the project's own PostgreSQL server under DATA_DIR/postgres (started on first use). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  MODEL_DIR: z.string().min(1).default('models'),
  OUTPUT_DIR: z.string().min(1).default('outputs'),
  LOG_DIR: z.string().min(1).default('logs'),
  MAX_PARALLEL_RUNS: positiveInt.default(1),
  /**
   * Silence after which a worker counts as lost (ms): its running runs are failed ("worker lost"), their jobs retried,
   * and a search's trials it ran are failed so their budget frees. Workers beat every 5 s, so at least 10 s.
   */
  WORKER_LOST_AFTER_MS: z.coerce.number().int().min(10_000).default(30_000),
  DEFAULT_BACKEND: z.enum(['cpu', 'webgpu', 'cuda']).default('cpu'),
  ENABLE_GPU: booleanText.default(false),
  /** GPU memory limit in MiB for the CUDA / WebGPU execution providers; 0 = no limit. */
  GPU_MEMORY_LIMIT: z.coerce.number().int().min(0).default(0),
  /** Intra-op threads for ONNX Runtime; 0 = one per core. */
  ORT_THREADS: z.coerce.number().int().min(0).default(0),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'text']).default('text'),
  ENABLE_MLFLOW: booleanText.default(false),
  MLFLOW_TRACKING_URI: z.string().url().optional(),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** HS256 key for API tokens (secret: redacted everywhere). Unset with no JWKS: the API serves loopback hosts only. */
  JWT_SECRET: z.string().min(32, 'a secret of at least 32 characters').optional(),
  /** JWKS URL of an identity provider whose RS256/ES256 tokens the API accepts. */
  JWT_JWKS_URL: z.string().url().optional(),
  /** `iss` minted into and required of tokens. */
  JWT_ISSUER: z.string().min(1).default('tsforecast'),
  /** `aud` minted into and required of tokens. */
  JWT_AUDIENCE: z.string().min(1).default('tsforecast-api'),
  /** Bearer token that `GET /metrics` requires (secret); unset: `/metrics` is public. */
  METRICS_TOKEN: z.string().min(16, 'a token of at least 16 characters').optional(),
  /** Requests per minute per token (per client address without one). */
  API_RATE_LIMIT: positiveInt.default(6000),
  /** Largest JSON request body in bytes. */
  API_BODY_LIMIT: positiveInt.default(1048576),
  /** Largest `POST /datasets` upload in bytes (default 100 MiB); the CSV streams to disk, so this bounds disk, not memory. */
  API_UPLOAD_LIMIT: positiveInt.default(100 * 1024 * 1024),
  /**
   * Jobs the API process runs itself (`POST /jobs`), in child processes; unset: MAX_PARALLEL_RUNS
   * (capped at the core count); 0: none, `cli worker`s run them.
   */
  API_LOCAL_WORKERS: z.coerce.number().int().min(0).optional(),
  /** Comma-separated origins allowed by CORS; empty: CORS off. */
  API_CORS_ORIGINS: z.string().default(''),
  /** Largest `POST /forecast` body in bytes (JSON or CSV; a 1,000-series request of 48 points is ~2 MB). */
  FORECAST_BODY_LIMIT: positiveInt.default(16 * 1024 * 1024),
  /** Memory cap of the cached ONNX sessions in MiB (a session counts 3 × its model file's bytes); least recently used go first. */
  FORECAST_CACHE_MB: positiveInt.default(512),
  /** How long a forecast batch waits for more requests once one arrives (ms); 0: it runs at once, later requests join the next run. */
  FORECAST_BATCH_WINDOW_MS: z.coerce.number().min(0).max(50).default(0),
  /** Most series merged into one ONNX run; a batch that reaches it runs at once. */
  FORECAST_BATCH_MAX_SERIES: positiveInt.default(1024),
  /** How long a moving reference (`NAME@production`, `NAME@staging`, `NAME`) stays resolved (ms); a promotion is served after at most this. */
  FORECAST_REF_TTL_MS: z.coerce.number().int().min(0).default(1000),
  /** Append every forecast `POST /forecast` serves to `predictions` (served_at set), in batches off the request path. */
  PREDICTION_LOGGING: booleanText.default(false),
  /** Prediction log: a batch is written once this many forecast points wait (or after PREDICTION_LOG_FLUSH_MS). */
  PREDICTION_LOG_FLUSH_ROWS: positiveInt.default(5000),
  /** Prediction log: the longest a served point waits before its batch is written (ms). */
  PREDICTION_LOG_FLUSH_MS: positiveInt.default(1000),
  /** Prediction log: most points held (waiting or being written); beyond it new forecasts are dropped and counted, never waited for. */
  PREDICTION_LOG_MAX_ROWS: positiveInt.default(200_000),
});

/** The validated settings object. */
export type Settings = z.infer<typeof settingsSchema>;
/** What a source may give: every key optional, values still untyped text. */
export type SettingsInput = Partial<Record<keyof Settings, unknown>>;
export const settingKeys = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** DI token for the process-wide {@link Settings}. */
export const Settings = Symbol('Settings');
