import { choice, loguniform, quniform, randint, uniform, type Sampled } from '@tsforecast/hyperparameter';

/** A benchmark problem: a search space, an objective to minimise and its known optimum. */
export interface BenchFunction {
  readonly name: string;
  readonly optimum: number;
  readonly space: unknown;
  evaluate(params: unknown): number;
}

function vectorSpace(dims: number, low: number, high: number): Record<string, ReturnType<typeof uniform>> {
  const space: Record<string, ReturnType<typeof uniform>> = {};
  for (let i = 0; i < dims; i++) space[`x${i}`] = uniform(`x${i}`, low, high);
  return space;
}

function vector(params: unknown, dims: number): number[] {
  const p = params as Record<string, number>;
  return Array.from({ length: dims }, (_, i) => p[`x${i}`]);
}

const branin: BenchFunction = {
  name: 'branin',
  optimum: 0.397887,
  space: { x0: uniform('x0', -5, 10), x1: uniform('x1', 0, 15) },
  evaluate(params) {
    const [x1, x2] = vector(params, 2);
    const b = 5.1 / (4 * Math.PI * Math.PI);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
};

const HARTMANN_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const HARTMANN_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
];
const HARTMANN_ALPHA = [1, 1.2, 3, 3.2];

const hartmann6: BenchFunction = {
  name: 'hartmann6',
  optimum: -3.32237,
  space: vectorSpace(6, 0, 1),
  evaluate(params) {
    const x = vector(params, 6);
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < 6; j++) inner += HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j] * 1e-4) ** 2;
      sum += HARTMANN_ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  },
};

const rosenbrock5: BenchFunction = {
  name: 'rosenbrock5',
  optimum: 0,
  space: vectorSpace(5, -5, 10),
  evaluate(params) {
    const x = vector(params, 5);
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
    return sum;
  },
};

const styblinskiTang5: BenchFunction = {
  name: 'styblinski_tang5',
  optimum: -195.830829,
  space: vectorSpace(5, -5, 5),
  evaluate(params) {
    return 0.5 * vector(params, 5).reduce((acc, x) => acc + x ** 4 - 16 * x * x + 5 * x, 0);
  },
};

const mixedSpace = {
  lr: loguniform('lr', 1e-4, 1),
  layers: randint('layers', 1, 32),
  activation: choice('activation', ['relu', 'gelu', 'tanh', 'silu'] as const),
  dropout: quniform('dropout', 0, 1, 0.05),
};
const ACTIVATION_PENALTY: Record<Sampled<typeof mixedSpace>['activation'], number> = { relu: 0.5, gelu: 0, tanh: 0.3, silu: 1 };

/**
 * Mixed space with a known optimum 0 at lr = 1e-2, layers = 12, activation =
 * gelu, dropout = 0.35: (log10 lr + 2)² + ((layers − 12)/10)² + penalty + 4·(dropout − 0.35)².
 */
const mixed: BenchFunction = {
  name: 'mixed',
  optimum: 0,
  space: mixedSpace,
  evaluate(params) {
    const p = params as Sampled<typeof mixedSpace>;
    return (Math.log10(p.lr) + 2) ** 2 + ((p.layers - 12) / 10) ** 2 + ACTIVATION_PENALTY[p.activation] + 4 * (p.dropout - 0.35) ** 2;
  },
};

/** All benchmark problems by name. */
export const benchFunctions: Record<string, BenchFunction> = {
  branin,
  hartmann6,
  rosenbrock5,
  styblinski_tang5: styblinskiTang5,
  mixed,
};
