// Multiple-testing adjustment for flagging outlying teams: Holm, "A simple sequentially
// rejective multiple test procedure", Scand. J. Statist. 6 (1979). Controls the family-wise
// error rate over all teams tested, without assuming independence.

/** Holm-adjusted p-values, in the input order. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
