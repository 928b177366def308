// Difference of two independent proportions (e.g. two missions' shares side by side).
// Test: two-sample z = (p̂1 - p̂2) / sqrt(V̂1 + V̂2) using each estimate's own design-based
// variance (unpooled; Lohr, "Sampling: Design and Analysis", 3rd ed., §10.2 on comparing
// domains from independent samples). Interval: Newcombe's hybrid score interval (method 10 of
// Newcombe, "Interval estimation for the difference between independent proportions:
// comparison of eleven methods", Stat. Med. 17, 1998), built from each side's Wilson limits,
// which already reflect the design through the effective sample size.

import type { ConfidenceInterval, Estimate } from "../design/types.ts";
import { twoSidedP } from "../math/normal.ts";
import { wilsonFromCounts } from "./wilson.ts";

export interface ProportionDifference {
  /** p̂1 - p̂2. */
  readonly difference: number;
  readonly standardError: number;
  readonly z: number;
  readonly pValue: number;
  readonly ci: ConfidenceInterval;
  /** True only when both estimates generalise to their populations. */
  readonly generalises: boolean;
  readonly note: string | null;
}

/** Newcombe hybrid score interval from point estimates and their own intervals. */
export function newcombeHybrid(
  p1: number,
  l1: number,
  u1: number,
  p2: number,
  l2: number,
  u2: number,
): { lower: number; upper: number } {
  const d = p1 - p2;
  return {
    lower: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    upper: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
  };
}

/** Newcombe's method 10 for simple binomial counts x1/n1 - x2/n2. */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  level = 0.95,
): { difference: number; lower: number; upper: number } {
  const w1 = wilsonFromCounts(x1, n1, level);
  const w2 = wilsonFromCounts(x2, n2, level);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  return { difference: p1 - p2, ...newcombeHybrid(p1, w1.lower, w1.upper, p2, w2.lower, w2.upper) };
}

/** Compares two independent design-based proportion estimates. */
export function compareProportions(a: Estimate, b: Estimate): ProportionDifference {
  if (a.kind !== "proportion" || b.kind !== "proportion")
    throw new TypeError("compareProportions needs two proportions");
  if (Math.abs(a.ci.level - b.ci.level) > 1e-12)
    throw new RangeError("estimates have different confidence levels");
  const level = a.ci.level;
  const d = a.value - b.value;
  const se = Math.sqrt(a.standardError ** 2 + b.standardError ** 2);
  const z = se > 0 ? d / se : d === 0 ? 0 : Math.sign(d) * Number.POSITIVE_INFINITY;
  const h = newcombeHybrid(a.value, a.ci.lower, a.ci.upper, b.value, b.ci.lower, b.ci.upper);
  const generalises = a.generalises && b.generalises;
  return {
    difference: d,
    standardError: se,
    z,
    pValue: twoSidedP(z),
    ci: { lower: h.lower, upper: h.upper, level, method: "newcombe-hybrid-score" },
    generalises,
    note: generalises
      ? "Assumes the two samples were drawn independently."
      : "At least one side is a convenience sample: the difference describes the observed stations only.",
  };
}
