// Indicator definitions: what a mission measures, declared over form questions. Stored as jsonb
// (packages/store analysis_indicators, versioned) and validated here at every edge.

// The schemas are the API's (packages/contract): one declaration for the server and the web app.
import type { IndicatorDefinition } from "@scrutiny/contract";

export {
  AssessmentScale,
  type CompiledIndicator,
  compileIndicator,
  type DefinitionIssue,
  type Indicator,
  IndicatorCode,
  IndicatorDefinition,
  IndicatorMatch,
} from "@scrutiny/contract";

const ASSESSMENT = {
  question: "overall_assessment",
  scale: ["very_good", "good", "bad", "very_bad"],
  cut: "bad",
};
const BAD = "${overall_assessment} = 'bad' or ${overall_assessment} = 'very_bad'";
const VOTING_PHASES = null;

/** A sensible first set for a mission using the standard checklists (forms of @scrutiny/domain). */
export function defaultIndicators(options: {
  headCounts: boolean;
}): { code: string; definition: IndicatorDefinition }[] {
  const list: { code: string; definition: IndicatorDefinition }[] = [
    {
      code: "voting-bad",
      definition: {
        kind: "share",
        name: {
          en: "Voting assessed bad or very bad",
          ru: "Голосование оценено плохо или очень плохо",
        },
        unit: "visit",
        formKind: "voting",
        phases: VOTING_PHASES,
        condition: BAD,
        assessment: ASSESSMENT,
      },
    },
    {
      code: "voting-bad-stations",
      definition: {
        kind: "share",
        name: {
          en: "Polling stations where voting was assessed bad (share of visits)",
          ru: "Участки, где голосование оценено плохо (доля посещений)",
        },
        unit: "station",
        formKind: "voting",
        phases: VOTING_PHASES,
        condition: BAD,
        assessment: null,
      },
    },
    {
      code: "box-not-sealed",
      definition: {
        kind: "share",
        name: { en: "Ballot box not properly sealed", ru: "Урна для голосования не опломбирована" },
        unit: "visit",
        formKind: "voting",
        phases: VOTING_PHASES,
        condition: "${ballot_box_sealed} = 'no'",
        assessment: null,
      },
    },
    {
      code: "unauthorized-persons",
      definition: {
        kind: "share",
        name: {
          en: "Unauthorized persons present in the polling station",
          ru: "Присутствие посторонних лиц на участке",
        },
        unit: "visit",
        formKind: "voting",
        phases: VOTING_PHASES,
        condition: "${unauthorized_persons} = 'yes'",
        assessment: null,
      },
    },
    {
      code: "group-voting",
      definition: {
        kind: "share",
        name: { en: "Group (family) voting observed", ru: "Наблюдалось групповое (семейное) голосование" },
        unit: "visit",
        formKind: "voting",
        phases: VOTING_PHASES,
        condition: "${group_voting} = 'yes'",
        assessment: null,
      },
    },
    {
      code: "opening-bad",
      definition: {
        kind: "share",
        name: { en: "Opening assessed bad or very bad", ru: "Открытие оценено плохо или очень плохо" },
        unit: "visit",
        formKind: "opening",
        phases: null,
        condition: BAD,
        assessment: ASSESSMENT,
      },
    },
    {
      code: "counting-bad",
      definition: {
        kind: "share",
        name: { en: "Count assessed bad or very bad", ru: "Подсчёт оценён плохо или очень плохо" },
        unit: "visit",
        formKind: "counting",
        phases: null,
        condition: BAD,
        assessment: ASSESSMENT,
      },
    },
    {
      code: "queue-mean",
      definition: {
        kind: "mean",
        name: { en: "Voters in the queue (mean)", ru: "Избиратели в очереди (среднее)" },
        unit: "visit",
        formKind: "voting",
        phases: VOTING_PHASES,
        question: "voters_in_queue",
      },
    },
    {
      code: "incidents",
      definition: {
        kind: "incidents",
        name: { en: "Incident reports by category", ru: "Сообщения о нарушениях по категориям" },
        unit: "station",
        formKind: "incident",
        phases: null,
        question: "category",
      },
    },
  ];
  if (options.headCounts) {
    list.push({
      code: "voters-counted-median",
      definition: {
        kind: "median",
        name: {
          en: "Voters counted by observers per station and day (median)",
          ru: "Избиратели, подсчитанные наблюдателями за день на участке (медиана)",
        },
        unit: "visit",
        formKind: "voting",
        phases: null,
        question: "voters_counted",
      },
    });
  }
  return list;
}

/** The default cross-mission matches: each default indicator code matched to itself. */
export function defaultMatchCodes(): { code: string; name: Record<string, string> }[] {
  return defaultIndicators({ headCounts: false })
    .filter((d) => d.definition.kind !== "incidents")
    .map((d) => ({ code: d.code, name: d.definition.name }));
}
