export { TsforecastError, UsageError, ConfigError, DataError, NotFoundError, ConflictError } from './errors/tsforecast-error';
export { redactSecrets } from './secrets/redact-secrets';
export { rememberSecret } from './secrets/known-secrets';
export { describeConnectionTarget, passwordsOf } from './secrets/connection-target';
export { Logger, silentLogger, type LogFields } from './ports/logger';
export { Clock, systemClock } from './ports/clock';
export { settingKeys, Settings, type SettingsInput } from './settings/settings-schema';
export { loadSettings } from './settings/load-settings';
export { configModule } from './config-module';
