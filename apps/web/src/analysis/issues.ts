// Why a figure could not be computed, in the page's language: the server sends a code with the
// values it names (`reason`, declared in the contract); its English sentence (`issue`) is for API
// clients and data packages and is never shown here.
import type { analysisResults } from "@scrutiny/contract";
import type { Translate } from "../i18n/format.ts";

export function reasonText(reason: analysisResults.AnalysisReason, t: Translate): string {
  return t(`analysis.issues.${reason.code}`, reason.params);
}
