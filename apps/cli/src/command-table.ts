import type { Command } from 'commander';
import type { GlobalFlags } from './cli-context';

/** Adds one or more top-level commands, with their options and actions, to the program. */
export type RegisterCommands = (program: Command, globals: () => GlobalFlags) => void;

/** A top-level command: the line `--help` lists for it, and the module that defines it. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /**
   * Loads the module that defines the command. Only the command being run is
   * loaded: its module pulls in the libs (the container, TypeORM, ONNX
   * Runtime), which `--help` and the other commands never need.
   */
  readonly load: () => Promise<RegisterCommands>;
}

/** Every top-level command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'train',
    summary: 'fit models × horizons, score the hold-out, track runs and write a leaderboard',
    load: async () => (await import('./commands/train-command')).registerTrainCommand,
  },
  {
    name: 'predict',
    summary: 'forecast the h points after the end of each series with a saved model',
    load: async () => (await import('./commands/predict-command')).registerPredictCommand,
  },
  {
    name: 'evaluate',
    summary: 'cross-validate models on rolling-origin windows',
    load: async () => (await import('./commands/evaluate-command')).registerEvaluateCommand,
  },
  {
    name: 'experiments',
    summary: 'tracked experiments',
    load: async () => (await import('./commands/tracking-commands')).registerTrackingCommands,
  },
  {
    name: 'runs',
    summary: 'tracked runs',
    load: async () => (await import('./commands/tracking-commands')).registerTrackingCommands,
  },
  {
    name: 'migrate',
    summary: 'apply pending database migrations (DATABASE_URL, or the embedded database)',
    load: async () => (await import('./commands/migrate-command')).registerMigrateCommand,
  },
  {
    name: 'db',
    summary: 'status, start or stop the embedded PostgreSQL server (used when DATABASE_URL is unset)',
    load: async () => (await import('./commands/db-command')).registerDbCommand,
  },
  {
    name: 'worker',
    summary: 'run queued jobs (train runs, trials) from the database until stopped',
    load: async () => (await import('./commands/worker-command')).registerWorkerCommand,
  },
  {
    name: 'models',
    summary: 'list the available models; models list|promote: saved versions and their stages',
    load: async () => (await import('./commands/model-registry-commands')).registerModelsCommands,
  },
  {
    name: 'token',
    summary: 'mint an API token (token create --sub NAME --scopes read,forecast --ttl 30d)',
    load: async () => (await import('./commands/token-command')).registerTokenCommand,
  },
];

/**
 * The top-level command the arguments name (`help <command>` names its
 * operand), or undefined when they name none. `probe` knows the global
 * options only, so their values are skipped, as the real parse does.
 */
export function invokedCommandName(probe: Command, args: readonly string[]): string | undefined {
  probe.exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
  try {
    const { operands } = probe.parseOptions([...args]);
    return operands[0] === 'help' ? operands[1] : operands[0];
  } catch {
    // A global option missing its value: the real parse reports it.
    return undefined;
  }
}

/**
 * Registers the command `args` names with its module, and every other one as
 * a stub that only carries its summary for `--help`.
 */
export async function registerCommands(
  program: Command,
  probe: Command,
  args: readonly string[],
  globals: () => GlobalFlags,
): Promise<void> {
  const invoked = COMMANDS.find((entry) => entry.name === invokedCommandName(probe, args));
  if (invoked) (await invoked.load())(program, globals);
  for (const entry of COMMANDS) {
    // A module may define several commands (experiments and runs).
    if (!program.commands.some((command) => command.name() === entry.name)) program.command(entry.name).summary(entry.summary);
  }
}
