import type { Command } from 'commander';
import { TrackingQueries, runKinds, runStatuses, type RunFilter } from '@tsforecast/service';
import { parseChoice, parsePositiveInteger } from '../parse-options';
import { printTable, settingsFrom, withApp, type GlobalFlags } from '../cli-context';

/** `experiments list`, `runs list`, `runs show <id>`. */
export function registerTrackingCommands(program: Command, globals: () => GlobalFlags): void {
  const experiments = program.command('experiments').description('tracked experiments');
  experiments
    .command('list')
    .description('list experiments, newest first')
    .action(async () => {
      const list = await withApp(settingsFrom(globals()), (app) => app.container.get(TrackingQueries).listExperiments());
      printTable(
        list.map((e) => ({ name: e.name, id: e.id, created: e.createdAt })),
        ['name', 'id', 'created'],
      );
    });

  const runs = program.command('runs').description('tracked runs');
  runs
    .command('list')
    .description('list runs, newest first')
    .option('--experiment <name>', 'only this experiment')
    .option('--status <status>', runStatuses.join('|'))
    .option('--model <name>', 'only this model')
    .option('--kind <kind>', runKinds.join('|'))
    .option('--limit <n>', 'at most this many', '50')
    .action(async (flags: { experiment?: string; status?: string; model?: string; kind?: string; limit: string }) => {
      // Flags first: a typo must not read as "no runs".
      const filter: RunFilter = {
        experiment: flags.experiment,
        status: flags.status === undefined ? undefined : parseChoice('--status', flags.status, runStatuses),
        model: flags.model,
        kind: flags.kind === undefined ? undefined : parseChoice('--kind', flags.kind, runKinds),
        limit: parsePositiveInteger('--limit', flags.limit),
      };
      const list = await withApp(settingsFrom(globals()), (app) => app.container.get(TrackingQueries).listRuns(filter));
      printTable(
        list.map((r) => ({
          id: r.id,
          model: r.modelName,
          h: r.horizon,
          kind: r.kind,
          status: r.status,
          started: r.startedAt,
          ms: r.durationMs ?? '',
        })),
        ['id', 'model', 'h', 'kind', 'status', 'started', 'ms'],
      );
    });
  runs
    .command('show <id>')
    .description('one run with its parameters and metrics')
    .action(async (id: string) => {
      const run = await withApp(settingsFrom(globals()), (app) => app.container.get(TrackingQueries).getRun(id));
      process.stdout.write(JSON.stringify(run, null, 2) + '\n');
    });
}
