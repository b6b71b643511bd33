import type { Command } from 'commander';
import { pendingMigrations, revertLastMigration } from '@tsforecast/db';
import { settingsFrom, withApp, type GlobalFlags } from '../cli-context';

/** `migrate` applies pending migrations (server or embedded); `migrate --revert` undoes the last one. */
export function registerMigrateCommand(program: Command, globals: () => GlobalFlags): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, or the embedded database)')
    .option('--revert', 'undo the most recent migration instead')
    .action(async (flags: { revert?: boolean }) => {
      await withApp(
        settingsFrom(globals()),
        async (app) => {
          if (flags.revert) {
            const reverted = await revertLastMigration(app.database);
            process.stdout.write(reverted ? `reverted ${reverted} on ${app.database.describe()}\n` : 'nothing to revert\n');
            return;
          }
          const pending = await pendingMigrations(app.database);
          process.stdout.write(`${app.database.describe()}: up to date (${pending.length} pending)\n`);
        },
        // --revert must not first re-apply the migration it is asked to undo.
        { migrate: flags.revert ? 'leave' : true },
      );
    });
}
