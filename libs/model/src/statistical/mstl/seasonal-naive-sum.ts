/**
 * The seasonal part of an MSTL forecast: each seasonal component repeated from
 * its last cycle (seasonal naive), summed over components,
 *
 *   ŝ_{T+k} = Σ_i S_i[T − m_i + ((k − 1) mod m_i)].
 *
 * @example seasonalNaiveSum([Float64Array.of(1, -1, 1, -1)], [2], 3) // [1, -1, 1]
 * @internal
 */
export function seasonalNaiveSum(seasonals: readonly Float64Array[], periods: readonly number[], h: number): Float64Array {
  const out = new Float64Array(h);
  for (let i = 0; i < seasonals.length; i++) {
    const s = seasonals[i]!;
    const m = periods[i]!;
    const start = s.length - m;
    for (let k = 0; k < h; k++) out[k]! += s[start + (k % m)]!;
  }
  return out;
}
