// Why a figure could not be computed, in the page's language. The server answers with the
// estimators' sentence (`issue`, English; it is also what data packages and the CLI print), so the
// sentences a reader meets in the web app are looked up here; any other is shown as sent.
import type { Translate } from "../i18n/format.ts";

const KNOWN: Readonly<Record<string, string>> = {
  "no units with an answer remain after exclusions": "noAnswers",
  "no units with a value remain after exclusions": "noValues",
  "no visited stations": "noVisits",
  "no counting protocols observed": "noProtocols",
  "no observed protocols": "noProtocols",
  "no head-counts with a reported turnout": "noHeadCounts",
  "no assessments": "noAssessments",
  "team severity needs at least two teams": "twoTeams",
  "all assessments fall in one category": "oneCategory",
};

export function issueText(issue: string, t: Translate): string {
  const key = KNOWN[issue];
  return key === undefined ? issue : t(`analysis.issues.${key}` as "analysis.issues.noAnswers");
}
