import { ContainerModule } from 'inversify';
import { Clock, systemClock } from './ports/clock';
import { Settings } from './settings/settings-schema';

/**
 * Binds the validated settings and the system clock. The `Logger` port is bound
 * by the logging lib (pino) in the apps, or by tests.
 */
export function configModule(settings: Settings): ContainerModule {
  return new ContainerModule((options) => {
    options.bind<Settings>(Settings).toConstantValue(settings);
    options.bind<Clock>(Clock).toConstantValue(systemClock);
  });
}
