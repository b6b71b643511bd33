import { neuralModelSpecs, type TrainingHyperparameters } from '@tsforecast/model';
import type { ModelFitJob } from '../queue/job-kinds';
import { forecastGraphOf } from './forecast-graph';

/**
 * Parameter counts by model, season length and overrides, of the model at the
 * first horizon asked (it changes little with the horizon: MLP 1.07 M at h 6,
 * 1.12 M at h 24; NHITS 2.40 M and 2.51 M): one graph per model in a process.
 */
const parameterCounts = new Map<string, number>();

/**
 * A relative estimate of what fitting a job costs, to hand out long jobs
 * first: for a neural model, parameters × `maxSteps` (a dense train step's
 * work grows with the parameter count: NHITS's 2.4 M parameters take ~2× the
 * CPU of MLP's 1.1 M a step on AirPassengers), times the fits of its search
 * (`search.trials` + the refit); 0 for the other models, which fit in well
 * under a second. Counting the parameters builds the model's graph once per
 * model and overrides in this process (tens of milliseconds for NHITS); an
 * unknown model or invalid overrides estimate 0 (the job's runner reports them).
 * @internal
 *
 * @example
 * estimatedFitCost({ ...job, model: 'NHITS', horizon: 12, hyperparameters: { maxSteps: 300 } }); // 300 × 2.4e6
 */
export function estimatedFitCost(
  job: Pick<ModelFitJob, 'model' | 'horizon' | 'seasonLength' | 'hyperparameters'> & { search?: unknown },
): number {
  const spec = neuralModelSpecs.find((candidate) => candidate.name.toLowerCase() === job.model.toLowerCase());
  if (spec === undefined) return 0;
  try {
    const hyperparameters = { ...spec.defaults(job.horizon, job.seasonLength ?? 1), ...job.hyperparameters } as TrainingHyperparameters;
    const key = JSON.stringify([spec.name, job.seasonLength, job.hyperparameters]);
    let parameters = parameterCounts.get(key);
    if (parameters === undefined) {
      const graph = forecastGraphOf(spec.build(job.horizon, hyperparameters));
      parameters = graph.g.persistents().reduce((sum, p) => sum + p.init.length, 0);
      parameterCounts.set(key, parameters);
    }
    return parameters * hyperparameters.maxSteps * (fitsOfSearch(job.search) ?? 1);
  } catch {
    return 0;
  }
}

/**
 * The indices of `jobs`, longest first by {@link estimatedFitCost}, then the
 * longer horizon first (a bigger output layer); ties keep their order.
 * @internal
 */
export function longestFirst(jobs: readonly Parameters<typeof estimatedFitCost>[0][]): number[] {
  if (jobs.length < 2) return jobs.map((_, i) => i);
  const costs = jobs.map(estimatedFitCost);
  return jobs.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || jobs[b]!.horizon - jobs[a]!.horizon || a - b);
}

function fitsOfSearch(search: unknown): number | undefined {
  const trials = (search as { trials?: unknown } | undefined)?.trials;
  return typeof trials === 'number' && trials > 0 ? trials + 1 : undefined;
}
