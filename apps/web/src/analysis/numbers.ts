import { useMemo } from "react";
import type { Translate } from "../i18n/format.ts";
import type { Estimate } from "./api.ts";

// Number formatting and code names shared by the Analysis page's sections.

export const finite = (x: number | null | undefined): x is number =>
  typeof x === "number" && Number.isFinite(x);

export function useNumbers(language: string) {
  return useMemo(() => {
    const f = (digits: number) =>
      new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const f0 = f(0);
    const f1 = f(1);
    const f2 = f(2);
    return {
      n0: (x: number | null | undefined) => (finite(x) ? f0.format(x) : "–"),
      n1: (x: number | null | undefined) => (finite(x) ? f1.format(x) : "–"),
      n2: (x: number | null | undefined) => (finite(x) ? f2.format(x) : "–"),
      pct: (x: number | null | undefined) => (finite(x) ? `${f1.format(100 * x)}%` : "–"),
    };
  }, [language]);
}
type Numbers = ReturnType<typeof useNumbers>;

/** Value and interval of an estimate in its own units (percent for shares). */
export function show(e: Estimate | null, n: Numbers): { value: string; ci: string } {
  if (!e) return { value: "–", ci: "–" };
  const f = e.kind === "proportion" ? n.pct : n.n1;
  return { value: f(e.value), ci: `${f(e.ci.lower)} – ${f(e.ci.upper)}` };
}

export function designName(design: string, t: Translate): string {
  if (design === "stratified") return t("analysis.design.stratified");
  if (design === "simple-random") return t("analysis.design.simple-random");
  if (design === "convenience") return t("analysis.design.convenience");
  return design;
}

export function unitName(unit: "visit" | "station", t: Translate): string {
  return unit === "visit" ? t("analysis.unit.visit") : t("analysis.unit.station");
}

export function exclusionsText(e: Estimate | null, t: Translate): string {
  if (!e) return "–";
  const label: Record<string, string> = {
    missing: t("analysis.exclusion.missing"),
    quarantined: t("analysis.exclusion.quarantined"),
    "outside-plan": t("analysis.exclusion.outside-plan"),
  };
  const parts = Object.entries(e.exclusions)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${label[k] ?? k} ${v}`);
  return parts.length === 0 ? t("analysis.none") : parts.join(", ");
}
