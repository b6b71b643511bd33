import { fitCandidate, type ArimaCandidate, type InformationCriterion } from './arima-candidate';

/** Limits and settings of the order search (forecast's `auto.arima` arguments). */
export interface SearchSpace {
  d: number;
  D: number;
  m: number;
  maxP: number;
  maxQ: number;
  maxSeasonalP: number;
  maxSeasonalQ: number;
  maxOrder: number;
  ic: InformationCriterion;
  approximation: boolean;
  offset: number;
  allowDrift: boolean;
  allowMean: boolean;
}

/** R's `nmodels` default: most models the stepwise search fits. */
const MAX_MODELS = 94;

/** Every model tried, in the order tried (R's `results` table). */
export type SearchLog = ArimaCandidate[];

/**
 * The Hyndman–Khandakar stepwise search of `auto.arima`: four start models
 * (p,q,P,Q) = (2,2,1,1), (0,0,0,0), (1,0,1,0), (0,1,0,1) and the one without
 * constant, then from the best so far, moves of ±1 in P, Q, both, p, q, both,
 * and the constant toggled, restarting at the first improvement, until no
 * move improves or 94 models were fitted.
 */
export function stepwiseSearch(x: Float64Array, s: SearchSpace, log: SearchLog): ArimaCandidate {
  const { d, D, m } = s;
  const fit = (p: number, q: number, P: number, Q: number, constant: boolean): ArimaCandidate => {
    const c = fitCandidate(x, { p, d, q, P, D, Q, m }, constant, s.ic, s.approximation, s.offset);
    log.push(c);
    return c;
  };
  const tried = (p: number, q: number, P: number, Q: number, constant: boolean): boolean =>
    log.some((c) => c.order.p === p && c.order.q === q && c.order.P === P && c.order.Q === Q && c.constant === constant);
  let startP = 2;
  let startQ = 2;
  let startSP = 1;
  let startSQ = 1;
  if (x.length < 10) {
    startP = 1;
    startQ = 1;
    startSP = 0;
    startSQ = 0;
  }
  let p = Math.min(startP, s.maxP);
  let q = Math.min(startQ, s.maxQ);
  let P = Math.min(startSP, s.maxSeasonalP);
  let Q = Math.min(startSQ, s.maxSeasonalQ);
  let constant = s.allowDrift || s.allowMean;
  let best = fit(p, q, P, Q, constant);
  let c = fit(0, 0, 0, 0, constant);
  if (c.ic < best.ic) {
    best = c;
    p = q = P = Q = 0;
  }
  if (s.maxP > 0 || s.maxSeasonalP > 0) {
    const p1 = s.maxP > 0 ? 1 : 0;
    const sp1 = m > 1 && s.maxSeasonalP > 0 ? 1 : 0;
    c = fit(p1, 0, sp1, 0, constant);
    if (c.ic < best.ic) {
      best = c;
      p = p1;
      P = sp1;
      q = Q = 0;
    }
  }
  if (s.maxQ > 0 || s.maxSeasonalQ > 0) {
    const q1 = s.maxQ > 0 ? 1 : 0;
    const sq1 = m > 1 && s.maxSeasonalQ > 0 ? 1 : 0;
    c = fit(0, q1, 0, sq1, constant);
    if (c.ic < best.ic) {
      best = c;
      p = P = 0;
      Q = sq1;
      q = q1;
    }
  }
  if (constant) {
    c = fit(0, 0, 0, 0, false);
    if (c.ic < best.ic) {
      best = c;
      p = q = P = Q = 0;
    }
  }
  // Neighbour moves (dp, dq, dP, dQ), in R's order.
  const moves: Array<[number, number, number, number]> = [
    [0, 0, -1, 0],
    [0, 0, 0, -1],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
    [0, 0, -1, -1],
    [0, 0, -1, 1],
    [0, 0, 1, -1],
    [0, 0, 1, 1],
    [-1, 0, 0, 0],
    [0, -1, 0, 0],
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [-1, -1, 0, 0],
    [-1, 1, 0, 0],
    [1, -1, 0, 0],
    [1, 1, 0, 0],
  ];
  let startk = 0;
  while (startk < log.length && log.length < MAX_MODELS) {
    startk = log.length;
    let improved = false;
    for (const [dp, dq, dP, dQ] of moves) {
      const np = p + dp;
      const nq = q + dq;
      const nP = P + dP;
      const nQ = Q + dQ;
      if (np < 0 || nq < 0 || nP < 0 || nQ < 0 || np > s.maxP || nq > s.maxQ || nP > s.maxSeasonalP || nQ > s.maxSeasonalQ) continue;
      if (tried(np, nq, nP, nQ, constant)) continue;
      if (log.length >= MAX_MODELS) break;
      c = fit(np, nq, nP, nQ, constant);
      if (c.ic < best.ic) {
        best = c;
        p = np;
        q = nq;
        P = nP;
        Q = nQ;
        improved = true;
        break;
      }
    }
    if (improved) continue;
    if ((s.allowDrift || s.allowMean) && !tried(p, q, P, Q, !constant) && log.length < MAX_MODELS) {
      c = fit(p, q, P, Q, !constant);
      if (c.ic < best.ic) {
        best = c;
        constant = !constant;
      }
    }
  }
  return best;
}

/**
 * The exhaustive search (`stepwise = FALSE`, R's `search.arima`): every
 * (p, q, P, Q) with p + q + P + Q ≤ maxOrder, with and without constant.
 */
export function exhaustiveSearch(x: Float64Array, s: SearchSpace, log: SearchLog): ArimaCandidate | null {
  const maxK = s.allowDrift || s.allowMean ? 1 : 0;
  let best: ArimaCandidate | null = null;
  for (let p = 0; p <= s.maxP; p++) {
    for (let q = 0; q <= s.maxQ; q++) {
      for (let P = 0; P <= s.maxSeasonalP; P++) {
        for (let Q = 0; Q <= s.maxSeasonalQ; Q++) {
          if (p + q + P + Q > s.maxOrder) continue;
          for (let k = 0; k <= maxK; k++) {
            const c = fitCandidate(x, { p, d: s.d, q, P, D: s.D, Q, m: s.m }, k === 1, s.ic, s.approximation, s.offset);
            log.push(c);
            if (c.ic < (best?.ic ?? Infinity)) best = c;
          }
        }
      }
    }
  }
  return best;
}
