import type { Command } from 'commander';
import { buildModelCatalog } from '@tsforecast/app';
import { printTable } from '../cli-context';

/** `models`: which models exist (the registry of multi-bound definitions). */
export function registerModelsCommand(program: Command): void {
  program
    .command('models')
    .description('list the available models')
    .action(() => {
      const models = buildModelCatalog().list();
      printTable(
        models.map((d) => ({ name: d.name, kind: d.kind, description: d.description })),
        ['name', 'kind', 'description'],
      );
    });
}
