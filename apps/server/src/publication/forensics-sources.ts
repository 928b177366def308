// The official results a publication's forensics analyse, gathered from the store: the election's
// own results (by party, or one contest) or an uploaded results set, with what its parser left out.
import { err, ok, type Result, type ResultsExclusions } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import { decodeResults } from "../forensics/columnar-codec.ts";
import { restoreNonFinite } from "../forensics/json-numbers.ts";
import { OFFICIAL_CONTROLS, officialStationResults } from "../forensics/official.ts";
import { describeResults, type SnapshotForensics } from "./forensics.ts";

/** One analysis to publish: `official` or a results set's id, optionally a contest and an area level. */
export interface ForensicsRequest {
  readonly source: string;
  readonly contest?: string | undefined;
  readonly level?: string | undefined;
  /** Bootstrap replicates of the fingerprint's intervals (absent: none). */
  readonly replicates?: number | undefined;
}

export interface ForensicsIssue {
  readonly code: "invalid_forensics";
  readonly message: string;
}

/** The seed every published analysis uses: the bootstrap and Monte Carlo draws recompute exactly. */
export const PUBLISHED_SEED = 1;

export async function gatherForensics(
  store: Store,
  electionId: string,
  requests: readonly ForensicsRequest[],
): Promise<Result<SnapshotForensics[], ForensicsIssue>> {
  const out: SnapshotForensics[] = [];
  for (const [k, request] of requests.entries()) {
    const name = `forensics-${k + 1}`;
    const where = `forensics[${k}]`;
    const gathered = await gatherOne(store, electionId, request, where);
    if (!gathered.ok) return gathered;
    const { results, rest } = gathered.value;
    if (request.level !== undefined && !results.areaLevels.some((l) => l.name === request.level))
      return err({
        code: "invalid_forensics",
        message: `${where}.level: no area level "${request.level}"; the results have: ${results.areaLevels.map((l) => l.name).join(", ") || "none"}`,
      });
    const options = {
      seed: PUBLISHED_SEED,
      ...(request.level === undefined ? {} : { level: request.level }),
      ...(request.replicates ? { bootstrap: request.replicates } : {}),
    };
    out.push({ name, results, inputs: describeResults(results, { ...rest, options }) });
  }
  return ok(out);
}

async function gatherOne(store: Store, electionId: string, request: ForensicsRequest, where: string) {
  if (request.source === "official") {
    const input = await store.resultsSets.officialResults(electionId, request.contest);
    const results = officialStationResults(input, "en");
    if (results === undefined)
      return err<ForensicsIssue>({
        code: "invalid_forensics",
        message:
          request.contest === undefined
            ? `${where}: the election has no official results`
            : `${where}: no official results of contest "${request.contest}"`,
      });
    return ok({
      results,
      rest: {
        source: {
          kind: "official" as const,
          id: null,
          name:
            request.contest === undefined
              ? "official results by party"
              : `official results of contest ${request.contest}`,
          contest: request.contest ?? null,
          fileSha256: null,
        },
        controls: OFFICIAL_CONTROLS,
        leaderRule: "national-winner" as const,
        notes: [],
        exclusions: null,
      },
    });
  }
  if (request.contest !== undefined)
    return err<ForensicsIssue>({
      code: "invalid_forensics",
      message: `${where}.contest applies to the official results only`,
    });
  const set = await store.resultsSets.get(electionId, request.source);
  const [data, mapping, stored] = await Promise.all([
    store.resultsSets.data(electionId, request.source),
    store.resultsSets.mapping(electionId, request.source),
    store.resultsSets.report(electionId, request.source),
  ]);
  if (set === undefined || data === undefined || mapping === undefined)
    return err<ForensicsIssue>({
      code: "invalid_forensics",
      message: `${where}.source: no results set ${request.source} in this election`,
    });
  const report = restoreNonFinite(stored) as {
    election?: { notes?: string[]; leaderRule?: "named" | "national-winner" };
    exclusions?: ResultsExclusions & { first?: unknown; reading?: unknown };
  };
  const exclusions = report.exclusions;
  return ok({
    results: decodeResults(data.data),
    rest: {
      source: {
        kind: "results-set" as const,
        id: set.id,
        name: set.name,
        contest: set.contestCode,
        fileSha256: set.fileSha256,
      },
      controls: mapping.controls,
      leaderRule: report.election?.leaderRule ?? "national-winner",
      notes: report.election?.notes ?? [],
      exclusions:
        exclusions === undefined
          ? null
          : {
              rows: exclusions.rows,
              kept: exclusions.kept,
              excluded: exclusions.excluded,
              byReason: exclusions.byReason,
              byArea: exclusions.byArea,
              list: exclusions.list,
            },
    },
  });
}
