import type { Command } from 'commander';
import { Container } from 'inversify';
import { ModelRegistry, modelModule } from '@tsforecast/model';
import { printTable } from '../cli-context';

/** `models`: which models exist (the registry of multi-bound definitions). */
export function registerModelsCommand(program: Command): void {
  program
    .command('models')
    .description('list the available models')
    .action(() => {
      const container = new Container();
      container.loadSync(modelModule);
      const registry = container.get(ModelRegistry);
      printTable(registry.list().map((d) => ({ name: d.name, kind: d.kind, description: d.description })), ['name', 'kind', 'description']);
    });
}
