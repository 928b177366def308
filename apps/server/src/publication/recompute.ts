// Recomputes a downloaded data package's figures from its own files and compares them with the
// published ones, cell by cell as text: equal means equal digit for digit.
import { err, ok, type Result } from "@scrutiny/domain";
import { runForensicsJob } from "../forensics/compute.ts";
import {
  computeFigures,
  computeObserverEffects,
  ESTIMATE_COLUMNS,
  ESTIMATE_KEY,
  figureTables,
  INCIDENT_COLUMNS,
  INCIDENT_KEY,
} from "./figures.ts";
import { compareReports, forensicsFileNames, forensicsJob, publishedReport } from "./forensics.ts";
import { OBSERVER_EFFECTS_FILE, publishedJson, readPackage } from "./package.ts";

export interface FigureMismatch {
  readonly file: string;
  /** The figure, e.g. `voting-bad / area / R01 / ci_upper`. */
  readonly figure: string;
  readonly published: string | null;
  readonly recomputed: string | null;
}

export interface RecomputeReport {
  /** Figures compared (cells of estimates.csv and incidents.csv, numbers and texts of forensics reports). */
  readonly compared: number;
  readonly mismatches: readonly FigureMismatch[];
  readonly hashProblems: readonly string[];
}

export interface RecomputeOptions {
  /** Re-run the forensic analyses too (default): seconds for a country's results. */
  readonly forensics?: boolean;
}

export function recomputePackage(
  files: ReadonlyMap<string, Uint8Array>,
  options: RecomputeOptions = {},
): Result<RecomputeReport, string> {
  const read = readPackage(files);
  if (!read.ok) return read;
  const { data, published, hashProblems } = read.value;
  const estimates = computeFigures(data);
  if (!estimates.ok) return err(estimates.error);
  const recomputed = figureTables(estimates.value, data);
  const mismatches: FigureMismatch[] = [];
  let compared = 0;
  const compare = (
    file: string,
    columns: readonly string[],
    keyColumns: readonly string[],
    a: readonly string[][],
    b: readonly string[][],
  ) => {
    const keyIndex = keyColumns.map((k) => columns.indexOf(k));
    const keyOf = (row: readonly string[]) => keyIndex.map((i) => row[i] ?? "").join(" / ");
    const mine = new Map(b.map((row) => [keyOf(row), row]));
    const seen = new Set<string>();
    for (const row of a) {
      const key = keyOf(row);
      seen.add(key);
      const other = mine.get(key);
      if (other === undefined) {
        mismatches.push({ file, figure: key, published: "(row)", recomputed: null });
        continue;
      }
      columns.forEach((column, i) => {
        if (keyIndex.includes(i)) return;
        compared++;
        if ((row[i] ?? "") !== (other[i] ?? ""))
          mismatches.push({
            file,
            figure: `${key} / ${column}`,
            published: row[i] ?? "",
            recomputed: other[i] ?? "",
          });
      });
    }
    for (const [key] of mine)
      if (!seen.has(key)) mismatches.push({ file, figure: key, published: null, recomputed: "(row)" });
  };
  compare("estimates.csv", ESTIMATE_COLUMNS, ESTIMATE_KEY, published.estimates, recomputed.estimates);
  compare("incidents.csv", INCIDENT_COLUMNS, INCIDENT_KEY, published.incidents, recomputed.incidents);
  const effects = computeObserverEffects(data);
  if (!effects.ok) return err(effects.error);
  if (published.observerEffects === null) {
    if (effects.value.length > 0)
      mismatches.push({
        file: OBSERVER_EFFECTS_FILE,
        figure: "(file)",
        published: null,
        recomputed: "(file)",
      });
  } else {
    const result = compareReports(published.observerEffects, publishedJson(effects.value));
    compared += result.compared;
    for (const m of result.mismatches)
      mismatches.push({
        file: OBSERVER_EFFECTS_FILE,
        figure: m.path,
        published: m.published,
        recomputed: m.recomputed,
      });
  }
  if (options.forensics !== false) {
    for (const analysis of data.forensics) {
      const file = forensicsFileNames(analysis.name).report;
      const mine = published.forensics.find((f) => f.name === analysis.name)?.report ?? null;
      if (mine === null) {
        mismatches.push({ file, figure: "(file)", published: null, recomputed: "(report)" });
        continue;
      }
      let again: unknown;
      try {
        again = publishedReport(analysis.name, runForensicsJob(forensicsJob(analysis)));
      } catch (e) {
        return err((e as Error).message);
      }
      const result = compareReports(mine, again);
      compared += result.compared;
      for (const m of result.mismatches)
        mismatches.push({ file, figure: m.path, published: m.published, recomputed: m.recomputed });
    }
  }
  return ok({ compared, mismatches, hashProblems });
}
