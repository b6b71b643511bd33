import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Container } from 'inversify';
import { NotFoundError } from '@tsforecast/config';
import { TrackingQueries } from '@tsforecast/service';
import { authErrorResponses, ErrorResponse } from '../schemas/error-response';
import {
  ExperimentListResponse,
  ExperimentParams,
  ExperimentQuery,
  ExperimentResponse,
  RunListQuery,
  RunListResponse,
  RunParams,
  RunPredictionsResponse,
  RunResponse,
} from '../schemas/tracking';

type Prediction = Awaited<ReturnType<TrackingQueries['listPredictions']>>[number];
type Experiment = Awaited<ReturnType<TrackingQueries['listExperiments']>>[number];
/** The metric is checked by the leaderboard query (an unknown one is a UsageError naming the metrics). */
type LeaderboardOptions = NonNullable<Parameters<TrackingQueries['leaderboard']>[1]>;

/**
 * What was tracked (scope `read`): experiments, an experiment's leaderboard
 * per horizon, runs (filtered, newest first, cursor pages), one run and its predictions.
 */
export function trackingRoutes(container: Container): FastifyPluginAsync {
  const queries = container.get(TrackingQueries);
  return async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/experiments',
      {
        config: { access: 'read' },
        schema: {
          summary: 'Tracked experiments, newest first',
          tags: ['tracking'],
          response: { 200: ExperimentListResponse, ...authErrorResponses },
        },
      },
      async () => ({ experiments: (await queries.listExperiments()).map(experimentSummary) }),
    );
    app.get(
      '/experiments/:id',
      {
        config: { access: 'read' },
        schema: {
          summary: 'An experiment and its leaderboard per horizon',
          tags: ['tracking'],
          params: ExperimentParams,
          querystring: ExperimentQuery,
          response: { 200: ExperimentResponse, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => {
        const { id } = request.params;
        const experiment = (await queries.listExperiments()).find((e) => e.id === id || e.name === id);
        if (experiment === undefined) throw new NotFoundError(`experiment '${id}' not found`);
        const rankBy = request.query.rankBy ?? 'mae';
        const rows = await queries.leaderboard(experiment.id, { rankBy: rankBy as LeaderboardOptions['rankBy'] });
        const horizons = [...new Set(rows.map((row) => row.horizon))].sort((a, b) => a - b);
        return {
          experiment: experimentSummary(experiment),
          rankBy,
          leaderboard: horizons.map((horizon) => ({
            horizon,
            runs: rows
              .filter((row) => row.horizon === horizon)
              .map((row) => ({
                rank: row.rank,
                model: row.model,
                runId: row.runId,
                metrics: row.metrics,
                scoreIsFinite: row.scoreIsFinite,
                startedAt: row.startedAt.toISOString(),
              })),
          })),
        };
      },
    );
    app.get(
      '/runs',
      {
        config: { access: 'read' },
        schema: {
          summary: 'Runs, newest first, filtered; cursor pagination',
          tags: ['tracking'],
          querystring: RunListQuery,
          response: { 200: RunListResponse, 400: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => {
        const { cursor, limit, ...filter } = request.query;
        // One more than the page: whether it exists says if there is a next page.
        const runs = await queries.listRuns({ ...filter, limit: limit + 1, after: cursor });
        const page = runs.slice(0, limit);
        return { runs: page.map(runSummary), nextCursor: runs.length > limit ? page[page.length - 1]!.id : null };
      },
    );
    app.get(
      '/runs/:id',
      {
        config: { access: 'read' },
        schema: {
          summary: 'One run: parameters, status, error, run-level metrics, the model version it registered',
          tags: ['tracking'],
          params: RunParams,
          response: { 200: RunResponse, 404: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => {
        const run = await queries.getRun(request.params.id);
        return { ...runSummary(run), metrics: run.metrics, modelVersion: run.modelVersion };
      },
    );
    app.get(
      '/runs/:id/predictions',
      {
        config: { access: 'read' },
        schema: {
          summary: "A run's stored forecasts, per series",
          tags: ['tracking'],
          params: RunParams,
          response: { 200: RunPredictionsResponse, 404: ErrorResponse, 422: ErrorResponse, ...authErrorResponses },
        },
      },
      async (request) => ({ runId: request.params.id, series: groupBySeries(await queries.listPredictions(request.params.id)) }),
    );
  };
}

/** Rows (ordered by series, cutoff, date) → one entry per series and cutoff, quantile columns aligned with `ds`. */
function groupBySeries(rows: readonly Prediction[]): RunPredictionsResponse['series'] {
  const groups: RunPredictionsResponse['series'] = [];
  let rowsOfGroup: Prediction[] = [];
  const flush = () => {
    if (rowsOfGroup.length === 0) return;
    const names = [...new Set(rowsOfGroup.flatMap((row) => Object.keys(row.quantiles ?? {})))].sort();
    const first = rowsOfGroup[0]!;
    groups.push({
      uniqueId: first.seriesId,
      cutoff: first.cutoff === null ? null : first.cutoff.toISOString(),
      ds: rowsOfGroup.map((row) => row.ds.toISOString()),
      value: rowsOfGroup.map((row) => row.value),
      quantiles: Object.fromEntries(names.map((name) => [name, rowsOfGroup.map((row) => quantileOf(row, name))])),
    });
    rowsOfGroup = [];
  };
  for (const row of rows) {
    const last = rowsOfGroup[rowsOfGroup.length - 1];
    if (last !== undefined && (last.seriesId !== row.seriesId || last.cutoff?.getTime() !== row.cutoff?.getTime())) flush();
    rowsOfGroup.push(row);
  }
  flush();
  return groups;
}

function quantileOf(row: Prediction, name: string): number | null {
  const value = row.quantiles?.[name];
  return typeof value === 'number' ? value : null;
}

function experimentSummary(experiment: Experiment) {
  return { id: experiment.id, name: experiment.name, description: experiment.description, createdAt: experiment.createdAt.toISOString() };
}

function runSummary(run: Awaited<ReturnType<TrackingQueries['listRuns']>>[number]) {
  return {
    id: run.id,
    experimentId: run.experimentId,
    datasetId: run.datasetId,
    modelName: run.modelName,
    horizon: run.horizon,
    kind: run.kind,
    status: run.status,
    parameters: run.parameters,
    startedAt: run.startedAt.toISOString(),
    endedAt: run.endedAt === null ? null : run.endedAt.toISOString(),
    durationMs: run.durationMs,
    errorMessage: run.errorMessage,
  };
}
