/**
 * Child process of `bench:stats` (forked by `ours.ts`): fits and forecasts the
 * share of series it is sent with one of our models, through the model
 * registry with `threads: 1` (the parallelism is the processes), and answers
 * with the point forecasts and the seconds spent in fit + predict.
 */
import 'reflect-metadata';
import { silentLogger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { ModelRegistry, modelModule } from '@tsforecast/model';
import { Container } from 'inversify';

/** A share of one dataset for one model. */
export interface OurJob {
  model: string;
  h: number;
  m: number;
  frame: SeriesFrame;
}

/** What the child answers: forecasts [series][h] or the error it hit. */
export type OurJobResult = { mean: Float64Array[]; computeSeconds: number } | { error: string };

const container = new Container();
container.loadSync(modelModule);
const registry = container.get(ModelRegistry);

async function run(job: OurJob): Promise<OurJobResult> {
  const started = performance.now();
  const model = registry.create(job.model, job.h, job.m);
  const context = { logger: silentLogger, threads: 1 };
  await model.fit(job.frame, context);
  const forecast = await model.predict(job.frame);
  const computeSeconds = (performance.now() - started) / 1000;
  return { mean: forecast.mean.map((f) => Float64Array.from(f)), computeSeconds };
}

process.on('message', (job: OurJob) => {
  run(job).then(
    (result) => process.send!(result),
    (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.send!('ready');
