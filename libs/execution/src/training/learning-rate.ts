import type { TrainingHyperparameters } from '@tsforecast/model';

/** Learning rate of (1-based) `step` under StepLR(γ = 0.5, every ⌊maxSteps / numLrDecays⌋ steps). */
export function learningRateAt(hp: Pick<TrainingHyperparameters, 'learningRate' | 'maxSteps' | 'numLrDecays'>, step: number): number {
  if (hp.numLrDecays <= 0) return hp.learningRate;
  const every = Math.max(Math.floor(hp.maxSteps / hp.numLrDecays), 1);
  return hp.learningRate * 0.5 ** Math.floor((step - 1) / every);
}
