import { ConfigError } from '@tsforecast/config';
import type { GraphBuilder, Tensor } from '@tsforecast/graph';

/** Activations the MLP-based models accept (NeuralForecast names). */
export const ACTIVATIONS = ['ReLU', 'Tanh', 'Sigmoid', 'Softplus', 'LeakyReLU'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Applies `name` to `x`. */
export function activate(g: GraphBuilder, name: Activation, x: Tensor): Tensor {
  switch (name) {
    case 'ReLU':
      return g.relu(x);
    case 'Tanh':
      return g.tanh(x);
    case 'Sigmoid':
      return g.sigmoid(x);
    case 'Softplus':
      return g.softplus(x);
    case 'LeakyReLU':
      return g.leakyRelu(x, 0.01);
    default:
      throw new ConfigError(`'activation' must be one of ${ACTIVATIONS.join(', ')}, got '${String(name)}'`);
  }
}
