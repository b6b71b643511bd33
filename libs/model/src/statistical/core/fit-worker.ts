/**
 * Worker-thread entry of {@link forecastInWorkers}: rebuilds a statistical
 * model's fitter from its name and hyperparameters and forecasts the chunks of
 * series it is sent, one message per chunk.
 *
 * @internal
 */
import { parentPort } from 'node:worker_threads';
import { statisticalModelSpec } from '../statistical-models';
import type { FitChunk, FitChunkResult } from './fit-chunk';

const port = parentPort;
if (port === null) throw new Error('fit-worker must run in a worker thread');

port.on('message', (chunk: FitChunk) => {
  const spec = statisticalModelSpec(chunk.model);
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
