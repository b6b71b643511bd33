import { ContainerModule } from 'inversify';
import { Logger, Settings } from '@tsforecast/config';
import { createSession, type CreatedSession } from './runtime/create-session';
import { runtimeOptionsFromSettings, type RuntimeOptions } from './runtime/session-options';

/**
 * Creates ONNX Runtime sessions with the execution provider, threads and GPU
 * limit from the settings (`DEFAULT_BACKEND`, `ENABLE_GPU`, `GPU_MEMORY_LIMIT`, `ORT_THREADS`).
 */
export const SessionFactory = Symbol('SessionFactory');
export interface SessionFactory {
  /** Runtime options derived from the settings; pass them to `TrainStepSession.create` / `EvalSession.create`. */
  readonly options: RuntimeOptions;
  create(model: Uint8Array, overrides?: RuntimeOptions): Promise<CreatedSession>;
}

/** Binds {@link SessionFactory} from the bound `Settings` and `Logger`. */
export const graphModule = new ContainerModule((options) => {
  options
    .bind<SessionFactory>(SessionFactory)
    .toDynamicValue((ctx) => {
      const settings = ctx.get<Settings>(Settings);
      const logger = ctx.get<Logger>(Logger);
      const base = runtimeOptionsFromSettings(settings);
      return { options: base, create: (model, overrides = {}) => createSession(model, { ...base, ...overrides }, logger) };
    })
    .inSingletonScope();
});
