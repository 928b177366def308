// Nelder-Mead simplex minimisation (Nelder & Mead 1965, Computer Journal 7:308) with the
// dimension-adaptive coefficients of Gao & Han (2012, Comput. Optim. Appl. 51:259), which behave
// better than the classic ones beyond a few dimensions. Derivative-free, so it copes with the
// piecewise-smooth histogram likelihood of the fingerprint model.

export interface NelderMeadOptions {
  readonly maxEvaluations?: number;
  /** Stop when the simplex's function values and size both fall below these. */
  readonly fTolerance?: number;
  readonly xTolerance?: number;
  /** Initial step along each coordinate. */
  readonly step?: number | readonly number[];
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const d = start.length;
  const maxEval = options.maxEvaluations ?? 200 * d;
  const fTol = options.fTolerance ?? 1e-8;
  const xTol = options.xTolerance ?? 1e-6;
  const alpha = 1;
  const beta = 1 + 2 / d;
  const gamma = 0.75 - 1 / (2 * d);
  const delta = 1 - 1 / d;
  let evaluations = 0;
  // Non-finite values become +Infinity so the simplex simply moves away from them.
  const evaluate = (x: readonly number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const stepOf = (i: number) =>
    typeof options.step === "number" ? options.step : (options.step?.[i] ?? 0.25);
  const simplex: { x: number[]; v: number }[] = [{ x: [...start], v: evaluate(start) }];
  for (let i = 0; i < d; i++) {
    const x = [...start];
    x[i] = (x[i] ?? 0) + stepOf(i);
    simplex.push({ x, v: evaluate(x) });
  }
  const combine = (a: readonly number[], b: readonly number[], t: number) =>
    a.map((ai, i) => ai + t * ((b[i] ?? 0) - ai));
  let converged = false;
  while (evaluations < maxEval) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[d];
    const second = simplex[d - 1];
    if (!best || !worst || !second) break;
    let size = 0;
    for (const p of simplex)
      for (let i = 0; i < d; i++) size = Math.max(size, Math.abs((p.x[i] ?? 0) - (best.x[i] ?? 0)));
    if (Math.abs(worst.v - best.v) <= fTol * (1 + Math.abs(best.v)) && size <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(d).fill(0);
    for (let k = 0; k < d; k++)
      for (let i = 0; i < d; i++) centroid[i] = (centroid[i] ?? 0) + (simplex[k]?.x[i] ?? 0) / d;
    const reflected = combine(centroid, worst.x, -alpha);
    const fr = evaluate(reflected);
    if (fr < best.v) {
      const expanded = combine(centroid, worst.x, -alpha * beta);
      const fe = evaluate(expanded);
      simplex[d] = fe < fr ? { x: expanded, v: fe } : { x: reflected, v: fr };
      continue;
    }
    if (fr < second.v) {
      simplex[d] = { x: reflected, v: fr };
      continue;
    }
    const outside = fr < worst.v;
    const contracted = outside ? combine(centroid, reflected, gamma) : combine(centroid, worst.x, gamma);
    const fc = evaluate(contracted);
    if (fc < (outside ? fr : worst.v)) {
      simplex[d] = { x: contracted, v: fc };
      continue;
    }
    for (let k = 1; k <= d; k++) {
      const p = simplex[k];
      if (!p) continue;
      const x = combine(best.x, p.x, delta);
      simplex[k] = { x, v: evaluate(x) };
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  const best = simplex[0] ?? { x: [...start], v: Number.POSITIVE_INFINITY };
  return { x: best.x, value: best.v, evaluations, converged };
}
