/**
 * Worker-thread entry of {@link forecastInWorkers}: rebuilds a statistical
 * model's fitter from its name and hyperparameters and forecasts the chunks of
 * series it is sent, one message per chunk.
 *
 * @internal
 */
import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
// Loads every model file, so every statistical spec is indexed by name.
import '../../model-module';
import { statisticalSpec } from './statistical-spec-index';
import type { FitChunk, FitChunkResult } from './fit-chunk';

const port = parentPort;
if (port === null) throw new Error('fit-worker must run in a worker thread');

port.on('message', (chunk: FitChunk) => {
  const spec = statisticalSpec(chunk.model);
  if (spec === undefined) throw new Error(`statistical model '${chunk.model}' is not registered`);
  const fitter = spec.fitter(chunk.hyperparameters);
  const m = chunk.hyperparameters.seasonLength;
  const result: FitChunkResult = {
    index: chunk.index,
    forecasts: chunk.series.map((y) => fitter(y, m).forecast(chunk.h, chunk.hyperparameters.level)),
  };
  port.postMessage(result);
});
port.postMessage('ready');
