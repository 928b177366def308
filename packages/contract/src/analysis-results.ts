// What the analysis routes answer: estimates with their intervals, observer effects, PVT and the
// turnout check, missions side by side, region outlines. The server's answers are typed by these
// (apps/server/src/analysis) and the web app reads them (apps/web/src/analysis): one declaration.
import { z } from "zod";
import { IndicatorDefinition } from "./indicators.ts";

const Text = z.record(z.string(), z.string());

/**
 * Why a figure could not be computed, as a code and the values it names: what the web app
 * translates. The estimators' codes (`STATS_REASONS` of @scrutiny/stats, which the server's
 * `reasonOf` type-checks against this list) and the server's own.
 */
export const ANALYSIS_REASONS = [
  "no_answers",
  "no_values",
  "no_visits",
  "no_protocols",
  "no_head_counts",
  "no_stations",
  "zero_denominator",
  "negative_counts",
  "no_strata",
  "population_not_positive",
  "sample_exceeds_population",
  "inclusion_probability",
  "no_doubly_coded",
  "no_variation",
  "kappa_table",
  "empty_agreement",
  "weight_matrix_size",
  "weight_matrix_no_disagreement",
  "chance_agreement_one",
  "unknown_category",
  "no_assessments",
  "singular_team_design",
  "one_category",
  "two_teams",
  "not_positive_definite",
  "singular_optimum",
  "not_matched",
  "no_such_indicator",
] as const;

export const AnalysisReason = z.object({
  code: z.enum(ANALYSIS_REASONS),
  /** The values the reason names (a station's id, a stratum, a size). */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** `issue` is the English sentence (for API clients, data packages, the command line); `reason` its code. */
const why = { issue: z.string().nullable(), reason: AnalysisReason.nullable() };

export const Interval = z.object({
  lower: z.number(),
  upper: z.number(),
  level: z.number(),
  method: z.string(),
});

export const Estimate = z.object({
  kind: z.enum(["proportion", "mean", "median", "ratio", "total"]),
  value: z.number(),
  numerator: z.number(),
  denominator: z.number(),
  stations: z.number(),
  unit: z.enum(["visit", "station"]),
  exclusions: z.record(z.string(), z.number()),
  standardError: z.number(),
  ci: Interval,
  design: z.string(),
  generalises: z.boolean(),
  note: z.string().nullable(),
  smallCell: z.boolean(),
  warnings: z.array(z.string()),
});

export const IncidentSummary = z.object({
  stationsObserved: z.number(),
  categories: z.array(
    z.object({
      category: z.string(),
      reports: z.number(),
      stationsWithIncident: z.number(),
      stationShare: Estimate,
    }),
  ),
});

export const Cell = z.object({
  key: z.string(),
  estimate: Estimate.nullable(),
  incidents: IncidentSummary.nullable(),
  ...why,
  excluded: z.object({ quarantined: z.number(), "outside-plan": z.number() }),
});

export const IndicatorEstimates = z.object({
  code: z.string(),
  version: z.number(),
  definition: IndicatorDefinition,
  overall: Cell,
  byPhase: z.array(Cell),
  byArea: z.object({ level: z.string(), cells: z.array(Cell) }),
});

export const MissionHeader = z.object({
  id: z.string(),
  code: z.string(),
  name: Text,
  kind: z.string(),
  design: z.string(),
  generalises: z.boolean(),
  note: z.string().nullable(),
  /** The plan version the estimates follow (null: planned stations stored without a plan). */
  plan: z
    .object({
      version: z.number(),
      status: z.string(),
      source: z.string(),
      confirmedAt: z.string().nullable(),
    })
    .nullable(),
  reports: z.number(),
});

export const EstimatesResponse = z.object({
  mission: MissionHeader,
  phases: z.array(z.object({ code: z.string(), kind: z.string(), date: z.string(), name: Text })),
  areaLevels: z.array(z.string()),
  areas: z.array(z.object({ id: z.string(), code: z.string(), level: z.string(), name: Text })),
  minCellUnits: z.number(),
  indicators: z.array(IndicatorEstimates),
});

export const TeamRow = z.object({
  teamId: z.string(),
  teamCode: z.string(),
  visits: z.number(),
  sharedStations: z.number(),
  estimable: z.boolean(),
  severity: z.number().nullable(),
  standardError: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  z: z.number().nullable(),
  adjustedPValue: z.number().nullable(),
  flag: z.enum(["harsh", "lenient"]).nullable(),
  latentSeverity: z.number().nullable(),
  latentStandardError: z.number().nullable(),
});

const Agreement = z.object({ value: z.number(), lower: z.number(), upper: z.number() });

export const ObserverEffects = z.object({
  indicatorCode: z.string(),
  question: z.string(),
  formKind: z.string(),
  observations: z.number(),
  teams: z.array(TeamRow),
  flagged: z.object({ harsh: z.number(), lenient: z.number() }),
  agreement: z.object({
    doublyObservedStations: z.number(),
    kappa: Agreement.nullable(),
    weightedKappa: Agreement.nullable(),
    alphaOrdinal: z.number().nullable(),
    alphaNominal: z.number().nullable(),
  }),
  raw: Estimate.nullable(),
  adjusted: Estimate.nullable(),
  ...why,
});

export const ObserverEffectsResponse = z.object({
  mission: MissionHeader,
  effects: z.array(ObserverEffects),
});

export const RatioEstimate = z.object({
  value: z.number(),
  standardError: z.number(),
  marginOfError: z.number(),
  ci: Interval,
  stations: z.number(),
});

const OfficialCheck = z.object({ official: z.number(), inside: z.boolean(), z: z.number() });

export const PvtResponse = z.object({
  mission: MissionHeader,
  pvt: z.object({
    ...why,
    officialScope: z.string(),
    excluded: z.record(z.string(), z.number()),
    result: z
      .object({
        stations: z.number(),
        turnout: RatioEstimate.nullable(),
        turnoutOfficial: OfficialCheck.nullable(),
        shares: z.array(
          z.object({
            contestantId: z.string(),
            estimate: RatioEstimate,
            official: OfficialCheck.extend({ difference: z.number() }).nullable(),
          }),
        ),
      })
      .nullable(),
    discrepancies: z.array(
      z.object({
        stationId: z.string(),
        stationCode: z.string(),
        fields: z.array(
          z.object({ field: z.string(), observed: z.number().nullable(), published: z.number().nullable() }),
        ),
      }),
    ),
  }),
  turnout: z
    .object({
      ...why,
      result: z
        .object({
          ratio: RatioEstimate,
          relativeGap: Agreement,
          flaggedStations: z.array(z.string()),
        })
        .nullable(),
      byDay: z.array(
        z.object({
          day: z.string(),
          observed: z.number(),
          reported: z.number(),
          stations: z.number(),
          flagged: z.number(),
        }),
      ),
      flagged: z.array(
        z.object({
          stationCode: z.string(),
          day: z.string(),
          observed: z.number(),
          reported: z.number(),
          gap: z.number(),
        }),
      ),
    })
    .nullable(),
});

export const ComparisonResponse = z.object({
  missions: z.array(MissionHeader),
  rows: z.array(
    z.object({
      code: z.string(),
      name: Text,
      source: z.enum(["stored", "default"]),
      members: z.array(
        z.object({
          missionId: z.string(),
          missionCode: z.string(),
          indicatorCode: z.string().nullable(),
          estimate: Estimate.nullable(),
          ...why,
        }),
      ),
      differences: z.array(
        z.object({
          a: z.string(),
          b: z.string(),
          difference: z.number(),
          lower: z.number(),
          upper: z.number(),
          pValue: z.number(),
          generalises: z.boolean(),
        }),
      ),
    }),
  ),
});

export type AnalysisReason = z.output<typeof AnalysisReason>;
export type Interval = z.output<typeof Interval>;
export type Estimate = z.output<typeof Estimate>;
export type Cell = z.output<typeof Cell>;
export type IndicatorEstimates = z.output<typeof IndicatorEstimates>;
export type MissionHeader = z.output<typeof MissionHeader>;
export type EstimatesResponse = z.output<typeof EstimatesResponse>;
export type TeamRow = z.output<typeof TeamRow>;
export type ObserverEffects = z.output<typeof ObserverEffects>;
export type RatioEstimate = z.output<typeof RatioEstimate>;
export type PvtResponse = z.output<typeof PvtResponse>;
export type ComparisonResponse = z.output<typeof ComparisonResponse>;
