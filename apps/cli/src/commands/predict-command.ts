import type { Command } from 'commander';
import { ForecastService } from '@tsforecast/service';
import { settingsFrom, withApp, type GlobalFlags } from '../cli-context';

/** `predict --model <id | name@version> --data <csv> [--output <file>]`: the same CSV to the file or to stdout. */
export function registerPredictCommand(program: Command, globals: () => GlobalFlags): void {
  program
    .command('predict')
    .description('forecast the h points after the end of each series with a saved model')
    .requiredOption('--model <ref>', 'model id, name@version, or name (latest version)')
    .requiredOption('--data <csv>', 'history, long-format CSV unique_id,ds,y')
    .option('--output <file>', 'CSV to write (unique_id,ds,y_hat[,quantiles]); default: stdout')
    .action(async (flags: { model: string; data: string; output?: string }) => {
      await withApp(settingsFrom(globals()), async (app) => {
        const result = await app.container
          .get(ForecastService)
          .predict({ model: flags.model, data: flags.data, output: flags.output ?? process.stdout });
        if (flags.output) process.stdout.write(`${result.model}: ${result.rows} forecast rows written to ${flags.output}\n`);
      });
    });
}
