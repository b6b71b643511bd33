import { Container } from 'inversify';
import { modelModule } from '@tsforecast/model';
import { executionModule } from '@tsforecast/execution';
import { ModelCatalog, serviceModule } from '@tsforecast/service';

/**
 * The model listing without settings or a database (`cli models`): only the
 * modules that register models (statistical and baselines in `model`, the
 * neural ones trained by `execution`) and the service that lists them.
 *
 * @example
 * buildModelCatalog().list(); // [{ name: 'Naive', kind: 'baseline', description: … }, …]
 */
export function buildModelCatalog(): ModelCatalog {
  const container = new Container();
  container.loadSync(modelModule, executionModule, serviceModule);
  return container.get(ModelCatalog);
}
