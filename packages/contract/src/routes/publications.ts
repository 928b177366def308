import { z } from "zod";
import { IndicatorDefinition } from "../indicators.ts";
import { ownMission, publicAccess, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, MissionParams } from "./common.ts";

// Publications: a mission's frozen snapshot (a Frictionless Data Package), and the public portal's
// reads. Public routes serve only what was published: snapshots, and the election and mission
// names that published snapshots are about.

const num = z.number().nullable();
const LocalizedName = z.record(z.string(), z.string());

/** One row of a snapshot's estimates.csv, typed by its Table Schema (NaN and empty: null). */
export const EstimateRow = z.object({
  indicator: z.string(),
  indicator_version: z.number().int(),
  breakdown: z.enum(["overall", "phase", "area"]),
  key: z.string(),
  kind: z.string(),
  unit: z.string(),
  value: num,
  ci_lower: num,
  ci_upper: num,
  ci_level: num,
  ci_method: z.string(),
  numerator: num,
  denominator: num,
  stations: num,
  standard_error: num,
  design: z.string(),
  generalises: z.boolean().nullable(),
  small_cell: z.boolean().nullable(),
  design_effect: num,
  effective_sample_size: num,
  exclusions: z.record(z.string(), z.number()).nullable(),
  excluded_quarantined: num,
  excluded_outside_plan: num,
  note: z.string(),
  warnings: z.array(z.string()).nullable(),
  issue: z.string(),
});
export type EstimateRow = z.infer<typeof EstimateRow>;

/** One row of incidents.csv. */
export const IncidentRow = z.object({
  indicator: z.string(),
  indicator_version: z.number().int(),
  breakdown: z.enum(["overall", "phase", "area"]),
  key: z.string(),
  category: z.string(),
  reports: num,
  stations_with_incident: num,
  stations_observed: num,
  reports_at_unvisited_stations: num,
  share: num,
  share_lower: num,
  share_upper: num,
  share_denominator: num,
  total: num,
  total_standard_error: num,
  total_lower: num,
  total_upper: num,
});
export type IncidentRow = z.infer<typeof IncidentRow>;

export const ESTIMATE_COLUMNS = Object.keys(EstimateRow.shape) as (keyof EstimateRow)[];
export const INCIDENT_COLUMNS = Object.keys(IncidentRow.shape) as (keyof IncidentRow)[];

export const PublicationFile = z.object({
  name: z.string(),
  mediaType: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});

export const Publication = z.object({
  id: z.uuid(),
  missionId: z.uuid(),
  electionId: z.uuid(),
  title: z.string(),
  planVersion: z.number().int().nullable(),
  /** SHA-256 of datapackage.json, as the transparency log records it. */
  contentHash: z.string(),
  publishedAt: z.string(),
  /** The publication's entry in the transparency log. */
  logIndex: z.number().int().nullable(),
  files: z.array(PublicationFile),
});
export type Publication = z.infer<typeof Publication>;

/** Official results whose forensics a snapshot publishes: the election's own, or a results set. */
export const PublishForensics = z.strictObject({
  source: z.union([z.literal("official"), z.uuid()]),
  /** Official results only: one contest (by code) instead of every contest by party. */
  contest: z.string().min(1).max(100).optional(),
  /** Area level of the regional breakdown (default: the broadest). */
  level: z.string().min(1).max(100).optional(),
  /**
   * Bootstrap replicates for the fingerprint's intervals, seeded so that recompute repeats them
   * (default 0: published as not computed; 200, the calibrated setting, costs minutes of CPU).
   */
  replicates: z.number().int().min(0).max(500).optional(),
});

export const PublishBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  licence: z.enum(["CC-BY-4.0", "CC0-1.0", "ODC-BY-1.0", "ODbL-1.0"]).optional(),
  /** Publish the figures under this plan version; default: the current plan. */
  planVersion: z.number().int().min(1).optional(),
  /** Forensics of official results to publish with the snapshot (with their data, recomputable). */
  forensics: z.array(PublishForensics).max(4).optional(),
});
export type PublishBody = z.infer<typeof PublishBody>;

export const publish = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/publications",
  summary:
    "Publish a snapshot: every indicator with its interval and denominator, the methods, and the data behind them without personal data (immutable, in the transparency log)",
  tags: ["publications"],
  params: MissionParams,
  body: PublishBody,
  responses: { 201: z.object({ publication: Publication }) },
  policy: roles(["coordinator"], ownMission()),
});

/** What a snapshot would publish, for the coordinator to review before publishing it. */
export const PublicationPreview = z.object({
  title: z.string(),
  licence: z.string(),
  mission: z.object({ id: z.uuid(), code: z.string(), name: LocalizedName }),
  election: z.object({ id: z.uuid(), code: z.string(), name: LocalizedName }),
  design: z.string(),
  planVersion: z.number().int().nullable(),
  /** Reports in the package by status (quarantined ones are published and excluded from figures). */
  reports: z.record(z.string(), z.number().int()),
  indicators: z.array(
    z.object({
      code: z.string(),
      version: z.number().int(),
      name: LocalizedName,
      kind: z.string(),
      overall: EstimateRow.nullable(),
      cells: z.number().int(),
    }),
  ),
  /** The answers published (those the indicators read), and those left out. */
  questions: z.object({ published: z.array(z.string()), withheld: z.array(z.string()) }),
  forensics: z.array(
    z.object({
      name: z.string(),
      source: z.string(),
      contest: z.string().nullable(),
      stations: z.number().int(),
    }),
  ),
  files: z.array(z.object({ name: z.string(), rows: z.number().int().nullable() })),
  /** What is never published, in words (English), and as codes a client says in its reader's language. */
  removed: z.array(z.string()),
  removedKinds: z.array(z.enum(["observers", "senders_and_times", "reviews", "unread_answers"])),
});
export type PublicationPreview = z.infer<typeof PublicationPreview>;

export const previewPublication = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/publications/preview",
  summary:
    "What publishing would publish (figures, reports, answers, files, what is removed), computed and not stored",
  tags: ["publications"],
  params: MissionParams,
  body: PublishBody,
  responses: { 200: PublicationPreview },
  policy: roles(["coordinator"], ownMission()),
});

export const PublicationParams = z.object({ publicationId: z.uuid() });
export const PublicationFileParams = z.object({
  publicationId: z.uuid(),
  name: z.string().regex(/^[a-z0-9_-]+\.(csv|json|md)$/, "a file name of the package"),
});

const MissionHeader = z.object({
  id: z.uuid(),
  code: z.string(),
  name: LocalizedName,
  kind: z.string(),
});
const ElectionHeader = z.object({
  id: z.uuid(),
  code: z.string(),
  name: LocalizedName,
  date: z.string(),
});

export const PublishedIndicator = z.object({
  code: z.string(),
  version: z.number().int(),
  definition: IndicatorDefinition,
  overall: EstimateRow.nullable(),
  byPhase: z.array(EstimateRow),
  byArea: z.array(EstimateRow),
  incidents: z.array(IncidentRow),
  /** An incidents indicator's categories by name: their labels by language (empty when not published). */
  categories: z.record(z.string(), z.record(z.string(), z.string())),
});
export type PublishedIndicator = z.infer<typeof PublishedIndicator>;

const Interval = z.tuple([num, num]);
const FittedTest = z.object({ observed: num, expected: num, z: num, pValue: num });

/**
 * A published forensic analysis of official results, as the portal shows it: the figures and
 * plain-language readings of the report in the package's forensics-N.json (which holds every
 * figure); NaN is null.
 */
export const PublishedForensics = z.object({
  name: z.string(),
  source: z.object({
    kind: z.enum(["official", "results-set"]),
    name: z.string(),
    contest: z.string().nullable(),
    fileSha256: z.string().nullable(),
  }),
  files: z.array(z.string()),
  caveat: z.string(),
  stations: z.number().int(),
  registered: z.number(),
  ballotsIssued: z.number(),
  leader: z.string(),
  leaderNote: z.string(),
  contestants: z.array(z.object({ name: z.string(), votes: z.number(), share: num })),
  /** Stations by turnout and by leader share, in bins of 0.1 percentage point (0%..100%). */
  histograms: z.object({ turnout: z.array(z.number()), leaderShare: z.array(z.number()) }),
  integerPercentages: z.object({
    included: z.number(),
    observed: z.number(),
    expected: num,
    sd: num,
    band: Interval,
    excess: num,
    z: num,
    pValue: num,
    reading: z.string(),
  }),
  fingerprint: z
    .object({
      fi: z.object({ estimate: num, se: num, interval: Interval }),
      fe: z.object({ estimate: num, se: num, interval: Interval }),
      replicates: z.number().int(),
      noFraudTest: z.string(),
      /** The test `noFraudTest` states: likelihood ratio, bootstrap p (null: not tested), level. */
      noFraud: z.object({
        statistic: num,
        pValue: num,
        level: z.number(),
        replicates: z.number().int(),
      }),
      onBound: z.array(z.string()),
      reading: z.string(),
    })
    .nullable(),
  digits: z.object({
    reading: z.string(),
    contestants: z.array(
      z.object({ name: z.string(), lastDigitP: num, secondDigit: FittedTest, zeroFive: FittedTest }),
    ),
    turnoutZeroFive: FittedTest,
  }),
  arithmetic: z.object({
    flaggedStations: z.number().int(),
    relations: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        /** The relation by its protocol lines (`-` before a line subtracts it). */
        left: z.array(z.string()),
        relation: z.enum(["=", ">=", "<="]),
        right: z.array(z.string()),
        failures: z.number().int(),
      }),
    ),
    reading: z.string(),
  }),
  exclusions: z
    .object({
      rows: z.number().int(),
      excluded: z.number().int(),
      byReason: z.record(z.string(), z.number().int()),
      reading: z.string(),
    })
    .nullable(),
  breakdown: z
    .object({
      level: z.string(),
      reading: z.string(),
      /** The areas where whole percentages concentrate most (strongest first, at most 10). */
      areas: z.array(
        z.object({
          area: z.string(),
          stations: z.number().int(),
          turnout: num,
          leaderShare: num,
          integerZ: num,
        }),
      ),
    })
    .nullable(),
});
export type PublishedForensics = z.infer<typeof PublishedForensics>;

const Figure = z.object({ value: num, lower: num, upper: num, numerator: num, denominator: num });

/** An assessment indicator's observer effects as published (observer-effects.json holds the whole fit). */
export const PublishedObserverEffects = z.object({
  indicatorCode: z.string(),
  question: z.string(),
  observations: z.number().int(),
  teams: z.number().int(),
  flagged: z.object({ harsh: z.number().int(), lenient: z.number().int() }),
  doublyObservedStations: z.number().int(),
  kappa: z.object({ value: num, lower: num, upper: num }).nullable(),
  /** The indicator as reported, and adjusted for team severity. */
  raw: Figure.nullable(),
  adjusted: Figure.nullable(),
  issue: z.string().nullable(),
});
export type PublishedObserverEffects = z.infer<typeof PublishedObserverEffects>;

export const PublishedSnapshot = z.object({
  publication: Publication,
  mission: MissionHeader,
  election: ElectionHeader,
  design: z.string(),
  plan: z
    .object({
      version: z.number().int(),
      status: z.string(),
      source: z.string(),
      confirmedAt: z.string().nullable(),
    })
    .nullable(),
  areaLevel: z.string(),
  licence: z.string(),
  reports: z.number().int(),
  phases: z.array(z.object({ code: z.string(), name: LocalizedName })),
  areas: z.array(z.object({ code: z.string(), level: z.string(), name: LocalizedName })),
  indicators: z.array(PublishedIndicator),
  forensics: z.array(PublishedForensics),
  observerEffects: z.array(PublishedObserverEffects),
});
export type PublishedSnapshot = z.infer<typeof PublishedSnapshot>;

export const publication = defineRoute({
  method: "GET",
  path: "/api/v1/public/publications/:publicationId",
  summary: "A published snapshot: its figures (as in estimates.csv), methods and files with their hashes",
  tags: ["public"],
  params: PublicationParams,
  responses: { 200: PublishedSnapshot },
  policy: publicAccess,
});

export const publicationFile = defineRoute({
  method: "GET",
  path: "/api/v1/public/publications/:publicationId/files/:name",
  summary: "One file of a published data package (datapackage.json, a CSV, indicators.json, methods.md)",
  tags: ["public"],
  params: PublicationFileParams,
  responses: { 200: { contentType: "application/octet-stream" } },
  policy: publicAccess,
});

export const publicationZip = defineRoute({
  method: "GET",
  path: "/api/v1/public/publications/:publicationId/datapackage.zip",
  summary: "The whole data package as one zip (datapackage.json and its resources)",
  tags: ["public"],
  params: PublicationParams,
  responses: { 200: { contentType: "application/zip" } },
  policy: publicAccess,
});

export const PublishedMission = MissionHeader.extend({ publications: z.array(Publication) });

export const PublicElection = ElectionHeader.extend({
  country: z.string(),
  missions: z.array(PublishedMission),
});
export type PublicElection = z.infer<typeof PublicElection>;

export const publicElections = defineRoute({
  method: "GET",
  path: "/api/v1/public/elections",
  summary: "Elections that missions published snapshots about, with those missions and snapshots",
  tags: ["public"],
  responses: { 200: z.object({ elections: z.array(PublicElection) }) },
  policy: publicAccess,
});

/** A matched indicator across missions, from each mission's latest snapshot. */
export const PublishedComparisonRow = z.object({
  code: z.string(),
  name: LocalizedName,
  members: z.array(
    z.object({
      missionId: z.uuid(),
      missionCode: z.string(),
      publicationId: z.uuid().nullable(),
      indicatorCode: z.string().nullable(),
      estimate: EstimateRow.nullable(),
    }),
  ),
  differences: z.array(
    z.object({
      a: z.uuid(),
      b: z.uuid(),
      difference: z.number(),
      lower: z.number(),
      upper: z.number(),
      pValue: z.number(),
      generalises: z.boolean(),
    }),
  ),
});
export type PublishedComparisonRow = z.infer<typeof PublishedComparisonRow>;

export const publicElection = defineRoute({
  method: "GET",
  path: "/api/v1/public/elections/:electionId",
  summary: "An election's published snapshots, and missions side by side on matched indicators",
  tags: ["public"],
  params: ElectionParams,
  responses: {
    200: z.object({ election: PublicElection, comparison: z.array(PublishedComparisonRow) }),
  },
  policy: publicAccess,
});
