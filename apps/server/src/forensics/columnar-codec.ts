// Columnar results <-> one compressed blob for the results_sets table. Layout (format 1), deflated:
// u32 length of a JSON header | JSON header (names, dictionaries, station codes) | padding to 4
// bytes | the Int32 columns back to back, in the order the header lists. Storing typed arrays
// as-is keeps a 100k-station set at a few MB and decoding at a few milliseconds.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { StationResults } from "@scrutiny/domain";
import { z } from "zod";

export const COLUMNAR_FORMAT = 1;

const Header = z.object({
  stationCount: z.number().int().nonnegative(),
  stationCodes: z.array(z.string()),
  areaLevels: z.array(
    z.object({ name: z.string(), labels: z.array(z.string()), parent: z.array(z.number()) }),
  ),
  contestants: z.array(z.string()),
  leaderIndex: z.number().int(),
  lines: z.array(z.object({ key: z.string(), header: z.string() })),
});

export function encodeResults(results: StationResults): Uint8Array {
  const header: z.infer<typeof Header> = {
    stationCount: results.stationCount,
    stationCodes: [...results.stationCodes],
    areaLevels: results.areaLevels.map((l) => ({
      name: l.name,
      labels: [...l.labels],
      parent: [...l.parent],
    })),
    contestants: results.contestants.map((c) => c.name),
    leaderIndex: results.leaderIndex,
    lines: results.lines.map((l) => ({ key: l.key, header: l.header })),
  };
  const columns: Int32Array[] = [
    results.sourceLines,
    ...results.areaLevels.map((l) => l.index),
    results.registered,
    results.ballotsIssued,
    results.valid,
    results.invalid,
    ...results.contestants.map((c) => c.votes),
    ...results.lines.map((l) => l.values),
  ];
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = 4 + json.length + ((4 - ((4 + json.length) % 4)) % 4);
  const raw = new Uint8Array(start + 4 * results.stationCount * columns.length);
  new DataView(raw.buffer).setUint32(0, json.length, true);
  raw.set(json, 4);
  columns.forEach((column, k) => {
    raw.set(
      new Uint8Array(column.buffer, column.byteOffset, column.byteLength),
      start + 4 * results.stationCount * k,
    );
  });
  return deflateRawSync(raw, { level: 4 });
}

export function decodeResults(blob: Uint8Array): StationResults {
  const raw = inflateRawSync(blob);
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const header = Header.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))));
  const start = 4 + length + ((4 - ((4 + length) % 4)) % 4);
  const n = header.stationCount;
  let next = 0;
  const column = (): Int32Array => {
    // Copy into an aligned buffer of its own (the inflated buffer's offset need not be aligned).
    const from = start + 4 * n * next++;
    return new Int32Array(bytes.slice(from, from + 4 * n).buffer);
  };
  const sourceLines = column();
  const areaIndex = header.areaLevels.map(() => column());
  const registered = column();
  const ballotsIssued = column();
  const valid = column();
  const invalid = column();
  const contestants = header.contestants.map((name) => ({ name, votes: column() }));
  const lines = header.lines.map((l) => ({ ...l, values: column() }));
  return {
    stationCount: n,
    stationCodes: header.stationCodes,
    sourceLines,
    areaLevels: header.areaLevels.map((l, k) => ({
      name: l.name,
      labels: l.labels,
      index: areaIndex[k] ?? new Int32Array(n),
      parent: Int32Array.from(l.parent),
    })),
    registered,
    ballotsIssued,
    valid,
    invalid,
    contestants,
    leaderIndex: header.leaderIndex,
    lines,
  };
}
