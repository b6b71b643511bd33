import type { Command } from 'commander';
import { ForecastService, writeForecastCsv } from '@tsforecast/service';
import { settingsFrom, withApp, type GlobalFlags } from '../cli-context';

/** `predict --model <id | name@version> --data <csv> [--output <file>]`. */
export function registerPredictCommand(program: Command, globals: () => GlobalFlags): void {
  program
    .command('predict')
    .description('forecast the h points after the end of each series with a saved model')
    .requiredOption('--model <ref>', 'model id, name@version, or name (latest version)')
    .requiredOption('--data <csv>', 'history, long-format CSV unique_id,ds,y')
    .option('--output <file>', 'CSV to write (unique_id,ds,y_hat[,quantiles]); default: stdout')
    .action(async (flags: { model: string; data: string; output?: string }) => {
      await withApp(settingsFrom(globals()), async (app) => {
        const service = app.container.get(ForecastService);
        if (flags.output) {
          const result = await service.predict(flags);
          process.stdout.write(`${result.model}: ${result.rows} forecast rows written to ${flags.output}\n`);
          return;
        }
        const result = await service.predict({ model: flags.model, data: flags.data });
        await writeForecastCsv(process.stdout, result.forecast, result.frame);
      });
    });
}
