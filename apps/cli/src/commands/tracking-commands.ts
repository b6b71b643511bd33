import type { Command } from 'commander';
import { TrackingStore, runStatuses } from '@tsforecast/db';
import { parseChoice, parsePositiveInteger } from '../parse-options';
import { printTable, settingsFrom, withApp, type GlobalFlags } from '../cli-context';

/** `experiments list`, `runs list`, `runs show <id>`. */
export function registerTrackingCommands(program: Command, globals: () => GlobalFlags): void {
  const experiments = program.command('experiments').description('tracked experiments');
  experiments
    .command('list')
    .description('list experiments, newest first')
    .action(async () => {
      await withApp(settingsFrom(globals()), async (app) => {
        const list = await app.container.get<TrackingStore>(TrackingStore).listExperiments();
        printTable(list.map((e) => ({ name: e.name, id: e.id, created: e.createdAt })), ['name', 'id', 'created']);
      });
    });

  const runs = program.command('runs').description('tracked runs');
  runs
    .command('list')
    .description('list runs, newest first')
    .option('--experiment <name>', 'only this experiment')
    .option('--status <status>', runStatuses.join('|'))
    .option('--limit <n>', 'at most this many', '50')
    .action(async (flags: { experiment?: string; status?: string; limit: string }) => {
      // Flags first: a typo must not read as "no runs".
      const query = {
        experiment: flags.experiment,
        status: flags.status === undefined ? undefined : parseChoice('--status', flags.status, runStatuses),
        limit: parsePositiveInteger('--limit', flags.limit),
      };
      await withApp(settingsFrom(globals()), async (app) => {
        const list = await app.container.get<TrackingStore>(TrackingStore).listRuns(query);
        printTable(
          list.map((r) => ({ id: r.id, model: r.modelName, h: r.horizon, kind: r.kind, status: r.status, started: r.startedAt, ms: r.durationMs ?? '' })),
          ['id', 'model', 'h', 'kind', 'status', 'started', 'ms'],
        );
      });
    });
  runs
    .command('show <id>')
    .description('one run with its parameters and metrics')
    .action(async (id: string) => {
      await withApp(settingsFrom(globals()), async (app) => {
        const details = await app.container.get<TrackingStore>(TrackingStore).getRun(id);
        process.stdout.write(JSON.stringify({ ...details.run, metrics: Object.fromEntries(details.metrics.filter((m) => m.step === null && m.seriesId === null).map((m) => [m.name, m.value])) }, null, 2) + '\n');
      });
    });
}
