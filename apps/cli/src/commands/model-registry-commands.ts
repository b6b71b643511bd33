import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ModelVersionRegistry, promotionStages } from '@tsforecast/service';
import { parseChoice } from '../parse-options';
import { printTable, settingsFrom, withApp, type GlobalFlags } from '../cli-context';
import { registerModelsCommand } from './models-command';

/**
 * `models` (the model kinds, see models-command.ts) with the registry's
 * subcommands: `models list [--name NHITS]` (saved versions and their stages)
 * and `models promote NHITS@3 production` (the previous production version is
 * archived; the change is recorded as made by `cli:<os user>`).
 */
export function registerModelsCommands(program: Command, globals: () => GlobalFlags): void {
  registerModelsCommand(program);
  const models = program.commands.find((command) => command.name() === 'models')!;
  models
    .command('list')
    .description('saved model versions and their stages, by name then newest first')
    .option('--name <name>', 'only this model name')
    .action(async (flags: { name?: string }) => {
      const names = await withApp(settingsFrom(globals()), (app) => app.container.get(ModelVersionRegistry).listModels());
      const rows = names
        .filter((entry) => flags.name === undefined || entry.name === flags.name)
        .flatMap((entry) =>
          entry.versions.map((v) => ({ model: `${v.name}@${v.version}`, stage: v.stage, id: v.id, created: v.createdAt })),
        );
      printTable(rows, ['model', 'stage', 'id', 'created']);
    });
  models
    .command('promote <model> <stage>')
    .description(`move a version (id, NAME@VERSION, NAME@staging…) to a stage: ${promotionStages.join(', ')}`)
    .action(async (ref: string, stageText: string) => {
      const stage = parseChoice('stage', stageText, promotionStages);
      const outcome = await withApp(settingsFrom(globals()), (app) =>
        app.container.get(ModelVersionRegistry).promote(ref, stage, `cli:${userInfo().username}`),
      );
      for (const change of outcome.changes) {
        const version = change.model === undefined ? change.modelId : `${change.model.name}@${change.model.version}`;
        process.stdout.write(`${version}: ${change.fromStage} -> ${change.toStage}\n`);
      }
    });
}
