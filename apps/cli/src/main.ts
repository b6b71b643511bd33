#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import type { GlobalFlags } from './cli-context';
import { registerCommands } from './command-table';

/** The options every command accepts, before or after its name. */
function withGlobalOptions(command: Command): Command {
  return command
    .option('--config <file>', 'YAML or JSON config file (also TSFORECAST_CONFIG)')
    .option('--database-url <url>', 'PostgreSQL server (default: the embedded PostgreSQL server under DATA_DIR)')
    .option('--data-dir <dir>', 'DATA_DIR: where the embedded database lives')
    .option('--model-dir <dir>', 'MODEL_DIR: where trained models are saved')
    .option('--log-level <level>', 'trace|debug|info|warn|error|silent')
    .option('--log-format <format>', 'json|text')
    .option('--backend <name>', 'ONNX Runtime execution provider: cpu|webgpu|cuda');
}

/**
 * tsforecast command line for `argv` (`process.argv`: node, script, args).
 * Only the named command's module is loaded (see `COMMANDS`), so `--help`
 * starts without the libs.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = withGlobalOptions(new Command('tsforecast'))
    .description('train, tune, evaluate, track and serve time-series forecasting models')
    .exitOverride()
    .showHelpAfterError();
  const globals = () => program.opts<GlobalFlags>();
  await registerCommands(program, withGlobalOptions(new Command()), argv.slice(2), globals);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs the command line. Exit codes: 0 success, 1 run failures, 2 usage,
 * configuration or data errors. Errors print one clear message, no stack trace
 * (set LOG_LEVEL=debug to see it).
 */
export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    // Loaded here, not at the top: `--help` needs none of the libs.
    const { TsforecastError, redactSecrets } = await import('@tsforecast/config');
    if (error instanceof TsforecastError) {
      process.stderr.write(`error: ${redactSecrets(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${redactSecrets(message)}\n`);
    if (process.env['LOG_LEVEL'] === 'debug' && error instanceof Error && error.stack)
      process.stderr.write(redactSecrets(error.stack) + '\n');
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exit(code);
  });
}
