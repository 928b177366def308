// The difference between two missions' estimates of a matched indicator: Newcombe's interval and
// a z test for proportions (compareProportions), a normal interval from both standard errors for
// means and medians. Used by the analysts' comparison and the public portal alike.
import { compareProportions, type Estimate, twoSidedP } from "@scrutiny/stats";

export interface EstimateDifference {
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  readonly z: number;
  readonly pValue: number;
  readonly generalises: boolean;
}

/** Null when the two are not of the same kind. */
export function estimateDifference(a: Estimate, b: Estimate): EstimateDifference | null {
  if (a.kind !== b.kind) return null;
  if (a.kind === "proportion") {
    const d = compareProportions(a, b);
    return {
      difference: d.difference,
      lower: d.ci.lower,
      upper: d.ci.upper,
      z: d.z,
      pValue: d.pValue,
      generalises: d.generalises,
    };
  }
  const diff = a.value - b.value;
  const se = Math.sqrt(a.standardError ** 2 + b.standardError ** 2);
  const z = se > 0 ? diff / se : 0;
  return {
    difference: diff,
    lower: diff - 1.959964 * se,
    upper: diff + 1.959964 * se,
    z,
    pValue: twoSidedP(z),
    generalises: a.generalises && b.generalises,
  };
}
