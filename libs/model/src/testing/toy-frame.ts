import type { SeriesFrame } from '@tsforecast/data';

/**
 * A small hourly panel for tests: level + trend + daily sinusoid + a
 * deterministic wiggle, `count` series of `length` points.
 */
export function toyFrame(count = 2, length = 72): SeriesFrame {
  const start = Date.UTC(2024, 0, 1);
  return {
    frequency: { unit: 'hour', step: 1 },
    seasonLength: 24,
    exogenousColumns: [],
    series: Array.from({ length: count }, (_, i) => ({
      id: `s${i}`,
      ds: Float64Array.from({ length }, (_, t) => start + t * 3_600_000),
      y: Float64Array.from(
        { length },
        (_, t) => 10 * (i + 1) + 0.05 * t + 3 * Math.sin((2 * Math.PI * t) / 24 + i) + 0.3 * Math.sin(7.3 * t),
      ),
      exogenous: {},
    })),
  };
}
