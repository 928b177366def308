// Loads the real Russian results files from fixtures/data (tests may read files; the package may not).
import { readFileSync } from "node:fs";
import type { ParsedResults } from "@scrutiny/domain";
import { decodeText, parseResultsCsv, unzipSingleTable } from "@scrutiny/domain";

const cache = new Map<string, ParsedResults>();

export type RealElection = "russia-2011-duma" | "russia-2018-president";

export function loadReal(name: RealElection): ParsedResults {
  const hit = cache.get(name);
  if (hit) return hit;
  const bytes = new Uint8Array(
    readFileSync(new URL(`../../../fixtures/data/${name}.csv.zip`, import.meta.url)),
  );
  const zip = unzipSingleTable(bytes);
  if (!zip.ok) throw new Error(zip.error.message);
  const parsed = parseResultsCsv(decodeText(zip.value.bytes), { preset: "ru-cec" });
  if (!parsed.ok) throw new Error(parsed.error.map((i) => i.message).join("; "));
  cache.set(name, parsed.value);
  return parsed.value;
}
