import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliServerSandbox, runCli } from './testing/run-cli';

// A neural model through real processes, as a user serves it: `train` fits
// NHITS on AirPassengers (all but the last year) and saves it; `predict` in a
// new process reloads the saved file and forecasts from the same history. The
// served forecast must be the training run's forecast (predictions.csv) — and a
// forecast of AirPassengers' last year: it beats the naive forecast's MAE on
// the held-out actuals (a runner that scales or shifts its output fails that).

const { dir, env } = cliServerSandbox('tsf-serving-');
const sample = resolve(__dirname, '../assets/air_passengers.csv');
const h = 12;
/** MAE of the Naive model (last value repeated) on this hold-out, from `train --models Naive`. */
const naiveMae = 76;

/** A CSV file as rows of named fields. */
function readRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, k) => [names[k]!, v])));
}

describe('serving a trained neural model (end to end)', () => {
  it("predict with the saved NHITS forecasts the training run's forecast, and it beats the naive forecast", () => {
    const train = runCli(
      ['train', '--models', 'NHITS', '--horizons', String(h), '--max-steps', '50', '--loss', 'mqloss', '--experiment', 'serving'],
      env,
    );
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    const trainingForecast = readRows(join(dir, 'out', 'serving', 'predictions.csv')).filter((r) => r['model'] === 'NHITS');
    expect(trainingForecast).toHaveLength(h);

    // The history the training run forecast from: the sample without its last h rows.
    const lines = readFileSync(sample, 'utf8').trim().split('\n');
    const actual = lines.slice(-h).map((line) => Number(line.split(',')[2]));
    writeFileSync(join(dir, 'history.csv'), lines.slice(0, -h).join('\n') + '\n');
    const out = join(dir, 'forecast.csv');
    const predict = runCli(['predict', '--model', 'NHITS@1', '--data', join(dir, 'history.csv'), '--output', out], env);
    expect(predict.stderr).toBe('');
    expect(predict.code).toBe(0);
    const served = readRows(out);

    expect(served.map((r) => r['ds'])).toEqual(trainingForecast.map((r) => r['ds']));
    served.forEach((row, t) => expect(Number(row['y_hat'])).toBeCloseTo(Number(trainingForecast[t]!['y_hat']), 3));
    const mae = served.reduce((sum, row, t) => sum + Math.abs(Number(row['y_hat']) - actual[t]!), 0) / h;
    expect(mae).toBeLessThan(naiveMae);
    // mqloss: the 80% interval is served too, around the median.
    for (const row of served) {
      expect(Number(row['q0.1'])).toBeLessThanOrEqual(Number(row['q0.9']));
    }
  });
});
