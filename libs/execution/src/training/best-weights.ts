import type { ParameterValues } from '@tsforecast/graph';

/**
 * The best validation loss seen so far, its step and weights, and the
 * early-stopping count (NeuralForecast's `EarlyStopping` on `ptl/val_loss`):
 * stop after `patience` checks in a row without a new best; `patience` ≤ 0
 * never stops.
 */
export class BestWeights {
  loss = Number.POSITIVE_INFINITY;
  step = 0;
  weights?: ParameterValues;
  private checksWithoutImprovement = 0;

  constructor(private readonly patience: number) {}

  /**
   * Records the validation loss of `step`; `current` is called only on a new
   * best (copying the weights costs a read of every parameter).
   * @returns whether training should stop now.
   */
  record(step: number, loss: number, current: () => ParameterValues): boolean {
    if (loss < this.loss) {
      this.loss = loss;
      this.step = step;
      this.weights = current();
      this.checksWithoutImprovement = 0;
    } else this.checksWithoutImprovement++;
    return this.patience > 0 && this.checksWithoutImprovement >= this.patience;
  }
}
