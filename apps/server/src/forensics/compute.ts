// The heavy work of forensics, runnable in a worker thread (worker.ts) or inline: parse an
// uploaded file, compute the report, encode the columns for storage.
import {
  type ArithmeticFlag,
  type ControlRelation,
  checkControls,
  type InputIssue,
  type ResolvedMapping,
  type ResultsExclusions,
  type StationResults,
  type UploadLimits,
} from "@scrutiny/domain";
import {
  electionColumns,
  type ForensicsReport,
  type FraudModelParams,
  fingerprintReplicates,
  type ReplicateKind,
  runForensics,
} from "@scrutiny/forensics";
import { decodeResults, encodeResults } from "./columnar-codec.ts";
import { type ParseChoices, parseResultsFile, type ResultsFileSpec } from "./results-file.ts";

export interface AnalysisOptions {
  readonly level?: string;
  readonly seed?: number;
  readonly bootstrap?: number;
  readonly lrReplicates?: number;
  readonly skipFingerprint?: boolean;
}

export type ForensicsJob =
  | {
      readonly kind: "upload";
      readonly bytes: Uint8Array;
      readonly fileName: string;
      readonly spec: ResultsFileSpec;
      readonly limits: UploadLimits;
      readonly options: AnalysisOptions;
      readonly parse?: ParseChoices;
    }
  | {
      readonly kind: "analyse";
      readonly results: StationResults;
      readonly controls: readonly ControlRelation[];
      readonly options: AnalysisOptions;
      /** What parsing the source file left out and derived (a published analysis carries it). */
      readonly parsed?: ParseOutcome;
    }
  | {
      readonly kind: "analyse-stored";
      readonly data: Uint8Array;
      readonly controls: readonly ControlRelation[];
      readonly options: AnalysisOptions;
    }
  | {
      /** A chunk of the fingerprint's bootstrap or null replicates of stored results. */
      readonly kind: "fingerprint-replicates";
      readonly data: Uint8Array;
      readonly model: { readonly params: FraudModelParams; readonly paramsNoFraud: FraudModelParams };
      readonly replicates: {
        readonly kind: ReplicateKind;
        readonly from: number;
        readonly count: number;
        readonly seed: number;
        readonly fitBins: number;
        readonly starts: number;
      };
    };

export type ForensicsJobResult =
  | { readonly kind: "rejected"; readonly issues: readonly InputIssue[] }
  | {
      readonly kind: "uploaded";
      readonly mapping: ResolvedMapping;
      readonly stationCount: number;
      readonly leader: string;
      readonly areaLevels: readonly { name: string; areas: number }[];
      readonly arithmeticFlags: number;
      readonly data: Uint8Array;
      readonly report: ForensicsReport;
      readonly milliseconds: { readonly parse: number; readonly forensics: number; readonly encode: number };
    }
  | { readonly kind: "report"; readonly report: ForensicsReport }
  | {
      readonly kind: "replicates";
      readonly fi: readonly number[];
      readonly fe: readonly number[];
      readonly statistics: readonly number[];
    };

/** What parsing an upload left out, derived and chose, carried into its report. */
export interface ParseOutcome {
  readonly exclusions?: ResultsExclusions;
  readonly notes: readonly string[];
  readonly leaderRule: "named" | "national-winner";
}

function analyse(
  results: StationResults,
  controls: readonly ControlRelation[],
  flags: readonly ArithmeticFlag[] | undefined,
  options: AnalysisOptions,
  parsed?: ParseOutcome,
): ForensicsJobResult {
  let arithmeticFlags = flags;
  if (!arithmeticFlags) {
    const checked = checkControls(results, controls);
    if (!checked.ok) return { kind: "rejected", issues: checked.error };
    arithmeticFlags = checked.value;
  }
  if (options.level !== undefined && !results.areaLevels.some((l) => l.name === options.level)) {
    return {
      kind: "rejected",
      issues: [
        {
          code: "unknown_level",
          message: `no area level "${options.level}"; the results have: ${results.areaLevels.map((l) => l.name).join(", ") || "none"}`,
        },
      ],
    };
  }
  const report = runForensics(
    results,
    { relations: controls, flags: arithmeticFlags },
    {
      seed: options.seed ?? 1,
      ...(options.level !== undefined ? { level: options.level } : {}),
      ...(options.bootstrap !== undefined ? { bootstrap: options.bootstrap } : {}),
      ...(options.lrReplicates !== undefined ? { lrReplicates: options.lrReplicates } : {}),
      ...(options.skipFingerprint ? { skipFingerprint: true } : {}),
      ...(parsed ?? {}),
    },
  );
  return { kind: "report", report };
}

export function runForensicsJob(job: ForensicsJob): ForensicsJobResult {
  switch (job.kind) {
    case "analyse":
      return analyse(job.results, job.controls, undefined, job.options, job.parsed);
    case "analyse-stored":
      return analyse(decodeResults(job.data), job.controls, undefined, job.options);
    case "fingerprint-replicates": {
      const r = fingerprintReplicates(electionColumns(decodeResults(job.data)), job.model, job.replicates);
      return { kind: "replicates", fi: r.fi, fe: r.fe, statistics: r.statistics };
    }
    case "upload": {
      const t0 = performance.now();
      const parsed = parseResultsFile(job.bytes, job.fileName, job.spec, job.parse, job.limits);
      if (!parsed.ok) return { kind: "rejected", issues: parsed.error };
      const { results, mapping, arithmeticFlags, exclusions, leaderRule } = parsed.value;
      const t1 = performance.now();
      const analysed = analyse(results, mapping.controls, arithmeticFlags, job.options, {
        exclusions,
        notes: mapping.notes,
        leaderRule,
      });
      if (analysed.kind !== "report") return analysed;
      const t2 = performance.now();
      const data = encodeResults(results);
      const t3 = performance.now();
      return {
        kind: "uploaded",
        mapping,
        stationCount: results.stationCount,
        leader: results.contestants[results.leaderIndex]?.name ?? "",
        areaLevels: results.areaLevels.map((l) => ({ name: l.name, areas: l.labels.length })),
        arithmeticFlags: new Set(arithmeticFlags.map((f) => f.station)).size,
        data,
        report: analysed.report,
        milliseconds: {
          parse: Math.round(t1 - t0),
          forensics: Math.round(t2 - t1),
          encode: Math.round(t3 - t2),
        },
      };
    }
  }
}
