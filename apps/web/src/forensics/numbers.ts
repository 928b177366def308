import { useMemo } from "react";
import type { Format } from "../i18n/format.ts";

/** Numbers that may be missing (JSON has no NaN: undefined statistics arrive as null). */
const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

export function useNumbers(format: Format) {
  return useMemo(() => {
    const fixed = (digits: number) =>
      new Intl.NumberFormat(format.language, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    const f0 = fixed(0);
    const f1 = fixed(1);
    const f2 = fixed(2);
    const f3 = fixed(3);
    const by = (f: Intl.NumberFormat) => (x: number | null | undefined) => (finite(x) ? f.format(x) : "–");
    return {
      n0: by(f0),
      n1: by(f1),
      n2: by(f2),
      n3: by(f3),
      pct: (x: number | null | undefined, digits = 1) =>
        finite(x) ? `${fixed(digits).format(100 * x)}%` : "–",
      p: (x: number | null | undefined) => (finite(x) ? x.toPrecision(2) : "–"),
    };
  }, [format.language]);
}

/** Number formatting shared by the forensics report's sections. */
export type N = ReturnType<typeof useNumbers>;
