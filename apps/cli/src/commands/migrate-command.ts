import type { Command } from 'commander';
import { UsageError } from '@tsforecast/config';
import { MigrationService } from '@tsforecast/service';
import { settingsFrom, withApp, type GlobalFlags } from '../cli-context';

/**
 * `migrate` applies pending migrations (server or embedded); `migrate --revert`
 * undoes the last one, but refuses (exit 2, listing the tables and their row
 * counts) when that would drop tables holding data, unless `--force`.
 */
export function registerMigrateCommand(program: Command, globals: () => GlobalFlags): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, or the embedded database)')
    .option('--revert', 'undo the most recent migration instead (refused if it would drop tables holding data)')
    .option('--force', 'with --revert: drop tables even when they hold data (back up first)')
    .action(async (flags: { revert?: boolean; force?: boolean }) => {
      if (flags.force && !flags.revert) throw new UsageError("'--force' only applies to 'migrate --revert', got --force alone");
      await withApp(
        settingsFrom(globals()),
        async (app) => {
          const migrations = app.container.get(MigrationService);
          if (flags.revert) {
            const { database, reverted } = await migrations.revertLast({ force: flags.force === true });
            process.stdout.write(reverted ? `reverted ${reverted} on ${database}\n` : 'nothing to revert\n');
            return;
          }
          const report = await migrations.apply();
          process.stdout.write(`${report.database}: up to date (${report.pending.length} pending)\n`);
        },
        // --revert must not first re-apply the migration it is asked to undo.
        { migrate: flags.revert ? 'leave' : true },
      );
    });
}
