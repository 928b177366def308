// What a publication holds, as data: the mission's frame (design, plan, strata), the election's
// geography, the indicators' definitions and every report with only the answers the indicators
// read. The same shape is written into the data package (package.ts) and read back from it, and
// the figures are computed from what was read back (figures.ts), so a package recomputes exactly.
import type { SnapshotForensics } from "./forensics.ts";

export interface SnapshotMeta {
  readonly publication: { readonly id: string; readonly title: string; readonly publishedAt: string };
  readonly mission: {
    readonly id: string;
    readonly code: string;
    readonly name: Record<string, string>;
    readonly kind: string;
  };
  readonly election: {
    readonly id: string;
    readonly code: string;
    readonly name: Record<string, string>;
    readonly date: string;
  };
  /** The sampling design the figures follow: stratified, simple_random or convenience. */
  readonly design: string;
  /** The plan version the figures follow; null when planned stations have no plan record. */
  readonly plan: {
    readonly version: number;
    readonly status: string;
    readonly source: string;
    readonly confirmedAt: string | null;
  } | null;
  /** The area level of the breakdown, and the smallest cell that is not marked small. */
  readonly areaLevel: string;
  readonly minCellUnits: number;
  readonly licence: string;
}

export interface SnapshotPhase {
  readonly code: string;
  readonly kind: string;
  readonly date: string;
  readonly name: Record<string, string>;
}

export interface SnapshotArea {
  readonly id: string;
  readonly parentId: string | null;
  readonly level: string;
  readonly code: string;
  readonly name: Record<string, string>;
}

export interface SnapshotStation {
  readonly id: string;
  readonly code: string;
  readonly areaId: string;
  readonly kind: string;
  readonly registeredVoters: number;
}

export interface SnapshotPlanned {
  readonly stationId: string;
  readonly stratum: string | null;
  readonly inclusionProbability: number | null;
  readonly reserve: boolean;
}

export interface SnapshotStratum {
  readonly stratum: string;
  readonly populationSize: number;
  readonly sampleSize: number;
}

export interface SnapshotIndicator {
  readonly code: string;
  readonly version: number;
  readonly definition: unknown;
  /**
   * An incidents indicator's categories by name: their labels by language, from the choices of
   * the question it reads (the first form of its kind that has them), so that readers see labels.
   */
  readonly categories?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** One report: pseudonymous ids (random UUIDs, also in the log), never the observer. */
export interface SnapshotReport {
  readonly id: string;
  readonly stationId: string;
  readonly teamId: string | null;
  readonly phaseCode: string;
  readonly formKind: string;
  readonly formVersion: number;
  readonly status: string;
  /** Answers to `SnapshotData.questions`, in that order; null when unanswered. */
  readonly answers: readonly unknown[];
}

export interface SnapshotData {
  readonly meta: SnapshotMeta;
  readonly phases: readonly SnapshotPhase[];
  readonly areas: readonly SnapshotArea[];
  readonly stations: readonly SnapshotStation[];
  readonly planned: readonly SnapshotPlanned[];
  readonly strata: readonly SnapshotStratum[];
  readonly indicators: readonly SnapshotIndicator[];
  /** The questions whose answers the reports carry (those the indicators read), sorted. */
  readonly questions: readonly string[];
  readonly reports: readonly SnapshotReport[];
  /** Forensics of official results the mission publishes with the snapshot (forensics.ts). */
  readonly forensics: readonly SnapshotForensics[];
}
