/**
 * A job process for the parallel scenario while `cli train` is not yet wired
 * to the queue: trains the job's neural model (execution's NeuralForecaster,
 * ONNX Runtime with the worker's threads) on the job's CSV, scores the
 * hold-out, and records the run with SQL. Real training, real child process;
 * only the recording stands in for the service's recorder.
 */
import { Client } from 'pg';
import { silentLogger } from '@tsforecast/config';
import { evaluateForecasts, holdOut, readCsv } from '@tsforecast/data';
import { neuralModelSpecs, type NeuralModelSpec, type TrainingHyperparameters } from '@tsforecast/model';
import {
  NeuralForecaster,
  serveJobProcess,
  type ClaimedJob,
  type JobContext,
  type JobOutcome,
  type JobRunner,
} from '@tsforecast/execution';

serveJobProcess(async () => {
  const database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  const runner: JobRunner<'train-run'> = { kind: 'train-run', run: (job, context) => train(database, job, context) };
  return { runners: [runner], close: () => database.end() };
});

async function train(database: Client, job: ClaimedJob<'train-run'>, context: JobContext): Promise<JobOutcome> {
  const { model: name, horizon: h, dataPath, hyperparameters } = job.payload;
  const spec = (neuralModelSpecs as unknown as readonly NeuralModelSpec<TrainingHyperparameters>[]).find(
    (candidate) => candidate.name === name,
  );
  if (spec === undefined) throw new Error(`'model' must be a neural model, got '${name}'`);
  const { rows } = await database.query<{ id: string }>(
    `INSERT INTO experiments (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [job.payload.experiment],
  );
  await database.query(`INSERT INTO runs (id, experiment_id, model_name, horizon, kind, parameters) VALUES ($1, $2, $3, $4, 'train', $5)`, [
    context.runId,
    rows[0]!.id,
    name,
    h,
    JSON.stringify(hyperparameters),
  ]);
  const { frame } = await readCsv(dataPath);
  const { train: history, test } = holdOut(frame, h);
  const model = new NeuralForecaster(spec.build(h, { ...spec.defaults(h, 12), ...hyperparameters } as TrainingHyperparameters), {
    threads: context.threads,
  });
  await model.fit(history, {
    logger: silentLogger,
    signal: context.signal,
    onProgress: (fraction, fields) => context.progress({ fraction, ...fields }),
  });
  const forecast = await model.predict(history);
  const { panel } = evaluateForecasts(test, forecast, { train: history, metrics: ['mae'] });
  await model.dispose();
  await database.query(`UPDATE runs SET status = 'completed', ended_at = now() WHERE id = $1 AND status = 'running'`, [context.runId]);
  return {
    runId: context.runId,
    status: 'completed',
    metrics: { mae: panel.mae },
    stepsPerSecond: model.lastFit?.stepsPerSecond,
    backend: 'cpu',
  };
}
