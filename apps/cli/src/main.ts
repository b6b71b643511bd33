#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { TsforecastError, redactSecrets } from '@tsforecast/config';
import type { GlobalFlags } from './cli-context';
import { registerTrainCommand } from './commands/train-command';
import { registerPredictCommand } from './commands/predict-command';
import { registerTrackingCommands } from './commands/tracking-commands';
import { registerMigrateCommand } from './commands/migrate-command';
import { registerModelsCommand } from './commands/models-command';
import { registerEvaluateCommand } from './commands/evaluate-command';

/**
 * tsforecast command line. Exit codes: 0 success, 1 run failures, 2 usage,
 * configuration or data errors. Errors print one clear message, no stack trace
 * (set LOG_LEVEL=debug to see it).
 */
export function buildProgram(): Command {
  const program = new Command('tsforecast')
    .description('train, tune, evaluate, track and serve time-series forecasting models')
    .option('--config <file>', 'YAML or JSON config file (also TSFORECAST_CONFIG)')
    .option('--database-url <url>', 'PostgreSQL server (default: embedded PGlite under DATA_DIR)')
    .option('--data-dir <dir>', 'DATA_DIR: where the embedded database lives')
    .option('--model-dir <dir>', 'MODEL_DIR: where trained models are saved')
    .option('--log-level <level>', 'trace|debug|info|warn|error|silent')
    .option('--log-format <format>', 'json|text')
    .option('--backend <name>', 'ONNX Runtime execution provider: cpu|webgpu|cuda')
    .exitOverride()
    .showHelpAfterError();
  const globals = () => program.opts<GlobalFlags>();
  registerTrainCommand(program, globals);
  registerPredictCommand(program, globals);
  registerEvaluateCommand(program, globals);
  registerTrackingCommands(program, globals);
  registerMigrateCommand(program, globals);
  registerModelsCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof TsforecastError) {
      process.stderr.write(`error: ${redactSecrets(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${redactSecrets(message)}\n`);
    if (process.env['LOG_LEVEL'] === 'debug' && error instanceof Error && error.stack) process.stderr.write(redactSecrets(error.stack) + '\n');
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exit(code);
  });
}
