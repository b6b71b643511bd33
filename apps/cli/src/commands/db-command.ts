import type { Command } from 'commander';
import { databaseServerStatus, startDatabaseServer, stopDatabaseServer, type DatabaseServerReport } from '@tsforecast/app';
import { settingsFrom, type GlobalFlags } from '../cli-context';

/**
 * `db status|start|stop`: the embedded PostgreSQL server under
 * `<DATA_DIR>/postgres`. Every command starts it on its own when needed and
 * it keeps running for the next ones; `db stop` is how it ends (before copying
 * or deleting the folder). `--json` prints the report as one JSON object.
 */
export function registerDbCommand(program: Command, globals: () => GlobalFlags): void {
  const db = program.command('db').description('the embedded PostgreSQL server (used when DATABASE_URL is unset)');
  const print = (report: DatabaseServerReport, json: boolean | undefined): void => {
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${report.summary}\n`);
  };
  db.command('status')
    .description('is it running, on which port, where its data is')
    .option('--json', 'print one JSON object')
    .action(async (flags: { json?: boolean }) => print(await databaseServerStatus(settingsFrom(globals())), flags.json));
  db.command('start')
    .description('start it now (commands also start it when they need it)')
    .option('--json', 'print one JSON object')
    .action(async (flags: { json?: boolean }) => print(await startDatabaseServer(settingsFrom(globals())), flags.json));
  db.command('stop')
    .description('stop it (open sessions are disconnected)')
    .option('--json', 'print one JSON object')
    .action(async (flags: { json?: boolean }) => print(await stopDatabaseServer(settingsFrom(globals())), flags.json));
}
