// Why a figure is missing, said twice: the English sentence API clients, data packages and the
// command line print (`issue`), and its code with the values it names (`reason`), which the web
// app translates. One place turns an estimator's failure or the service's own into both.
import type { analysisResults } from "@scrutiny/contract";
import type { StatsIssue } from "@scrutiny/stats";

type Reason = analysisResults.AnalysisReason;

export interface Why {
  readonly issue: string | null;
  readonly reason: Reason | null;
}

export const NO_ISSUE: Why = { issue: null, reason: null };

/** An estimator's failure (its reason codes are among the contract's: this type-checks it). */
export function whyOf(failure: StatsIssue): Why {
  // JSON has no NaN or Infinity: such a value is named as text ("NaN"), not lost as null.
  const params = Object.fromEntries(
    Object.entries(failure.params ?? {}).map(([k, v]) => [
      k,
      typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
    ]),
  );
  return { issue: failure.message, reason: { code: failure.reason, params } };
}

/** The service's own reasons, with their English sentences. */
const SENTENCES = {
  no_protocols: "no counting protocols observed",
  no_head_counts: "no head-counts with a reported turnout",
  not_matched: "not matched",
  no_such_indicator: "no such indicator",
} as const satisfies Partial<Record<Reason["code"], string>>;

export function why(code: keyof typeof SENTENCES): Why {
  return { issue: SENTENCES[code], reason: { code, params: {} } };
}
