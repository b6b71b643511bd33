import { parameterFreeSpec, statisticalDefinition } from '../core/statistical-definition';
import { CROSTON_ALPHA, crostonFit } from './croston-classic';

/**
 * Syntetos–Boylan approximation (Syntetos & Boylan 2005; StatsForecast
 * `CrostonSBA`): Croston's forecast times the bias correction
 * 1 − α/2 = 0.95, ŷ = (1 − α/2) ẑ / p̂.
 */
export const crostonSbaSpec = parameterFreeSpec('CrostonSBA', "Croston's method with the Syntetos–Boylan bias correction (× 0.95)", (y) =>
  crostonFit(y, 1 - CROSTON_ALPHA / 2, 'CrostonSBA'),
);

/** Registration of CrostonSBA. */
export const crostonSbaDefinition = statisticalDefinition(crostonSbaSpec);
