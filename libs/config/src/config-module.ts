import { ContainerModule } from 'inversify';
import { Clock, systemClock } from './ports/clock';
import { Logger, silentLogger } from './ports/logger';
import { SettingsToken, type Settings } from './settings/settings-schema';

/**
 * Binds the validated settings, the system clock and a silent logger (the
 * logging lib rebinds {@link Logger} to pino in the apps).
 */
export function configModule(settings: Settings): ContainerModule {
  return new ContainerModule((options) => {
    options.bind<Settings>(SettingsToken).toConstantValue(settings);
    options.bind<Clock>(Clock).toConstantValue(systemClock);
    options.bind<Logger>(Logger).toConstantValue(silentLogger);
  });
}
