// Preset for per-station results of the Russian Central Election Commission as compiled by
// Shpilkin (dkobak/elections, data/): columns are found by what their header says, because the
// wording changes between elections ("внесенных"/"включенных" in the list, "выданных избирателям
// в помещении" vs "выданных в помещении для голосования"), and `level`, `oik`, `url` come and go.
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import type { ControlRelation, ResultsMapping } from "./mapping.ts";
import { DEFAULT_MISSING_VALUES, normalizeHeader } from "./mapping.ts";

type Test = (h: string) => boolean;
const has =
  (...parts: string[]): Test =>
  (h) =>
    parts.every((p) => h.includes(p));

/** Protocol lines by meaning; `required` ones must be present. */
const LINES: readonly { key: string; test: Test; required?: boolean }[] = [
  {
    key: "registered",
    test: (h) => /^число избирателей, (внесенных|включенных) в спис/.test(h),
    required: true,
  },
  { key: "received", test: has("бюллетеней, полученных") },
  { key: "issuedEarly", test: has("бюллетеней, выданных", "досрочно"), required: true },
  { key: "issuedInStation", test: has("бюллетеней, выданных", " в помещени"), required: true },
  { key: "issuedOutside", test: has("бюллетеней, выданных", "вне помещени"), required: true },
  { key: "cancelled", test: (h) => h.startsWith("число погашенных") && h.includes("бюллетен") },
  { key: "mobileBoxes", test: has("переносных ящиках") },
  { key: "stationaryBoxes", test: has("стационарных ящиках") },
  { key: "invalid", test: (h) => h.startsWith("число недействительных"), required: true },
  { key: "valid", test: (h) => h.startsWith("число действительных"), required: true },
  { key: "lost", test: (h) => h.startsWith("число утраченных") && h.includes("бюллетен") },
  { key: "unaccounted", test: has("бюллетеней, не учтенных") },
];

const META = new Set(["region", "oik", "tik", "uik", "level", "url", "регион", "оик", "тик", "уик"]);

/** The commission's control relations, restricted to the lines the file has. */
function controlsFor(present: ReadonlySet<string>): ControlRelation[] {
  const out: ControlRelation[] = [];
  const issued = ["issuedEarly", "issuedInStation", "issuedOutside"];
  if (present.has("received") && present.has("cancelled")) {
    const right = [...issued, "cancelled"];
    if (present.has("lost")) right.push("lost");
    if (present.has("unaccounted")) right.push("-unaccounted");
    out.push({
      id: "ballots-received",
      description: "ballots received = issued + cancelled + lost - not accounted at receipt",
      left: ["received"],
      relation: "=",
      right,
    });
  }
  if (present.has("mobileBoxes") && present.has("stationaryBoxes")) {
    out.push({
      id: "ballots-in-boxes",
      description: "ballots found in boxes = valid + invalid",
      left: ["mobileBoxes", "stationaryBoxes"],
      relation: "=",
      right: ["valid", "invalid"],
    });
  }
  out.push({
    id: "valid-votes",
    description: "valid ballots = sum of votes for all contestants",
    left: ["valid"],
    relation: "=",
    right: ["contestants"],
  });
  out.push({
    id: "issued-within-list",
    description: "ballots issued <= registered voters",
    left: ["registered"],
    relation: ">=",
    right: ["issued"],
  });
  return out;
}

/** Builds the mapping for a Russian CEC header row, or lists the protocol lines it cannot find. */
export function ruCecMapping(header: readonly string[]): Result<ResultsMapping, InputIssue[]> {
  const norm = header.map(normalizeHeader);
  const issues: InputIssue[] = [];
  const found = new Map<string, number>();
  let lastProtocol = -1;
  for (const line of LINES) {
    const hits = norm.flatMap((h, i) => (line.test(h) ? [i] : []));
    const [first] = hits;
    if (hits.length > 1) {
      issues.push({
        line: 1,
        column: line.key,
        code: "ambiguous_column",
        message: `${hits.length} columns look like "${line.key}": ${hits.map((i) => header[i]).join(" | ")}`,
        params: { what: "line", headers: hits.map((i) => header[i] ?? "") },
      });
    } else if (first === undefined) {
      if (line.required) {
        issues.push({
          line: 1,
          column: line.key,
          code: "missing_column",
          message: `no column for "${line.key}"`,
          params: { what: "line" },
        });
      }
    } else {
      found.set(line.key, first);
    }
  }
  norm.forEach((h, i) => {
    if (h.startsWith("число ")) lastProtocol = Math.max(lastProtocol, i);
  });
  const station = norm.findIndex((h) => h === "uik" || h === "уик" || h === "номер уик");
  if (station < 0)
    issues.push({
      line: 1,
      column: "uik",
      code: "missing_column",
      message: 'no station column "uik"',
      params: { what: "line" },
    });
  const contestants: number[] = [];
  for (let i = lastProtocol + 1; i < norm.length; i++) {
    if (!META.has(norm[i] ?? "")) contestants.push(i);
  }
  if (contestants.length === 0) {
    issues.push({
      line: 1,
      code: "missing_column",
      message: "no contestant columns after the protocol lines",
      params: { what: "contestants" },
    });
  }
  if (issues.length > 0) return err(issues);

  const idx = (key: string) => ({ index: found.get(key) ?? -1 });
  const areas = ["region", "oik", "tik"].flatMap((name) => {
    const i = norm.indexOf(name);
    return i >= 0 ? [{ name, column: { index: i } }] : [];
  });
  const mappedKeys = new Set(LINES.map((l) => l.key));
  // Other protocol lines (e.g. absentee certificates in 2011) are kept under their own header.
  const otherLines = norm.flatMap((h, i) =>
    h.startsWith("число ") && ![...found.values()].includes(i)
      ? [{ key: header[i] ?? "", column: { index: i } }]
      : [],
  );
  const lines = [...found.keys()]
    .filter(
      (k) => mappedKeys.has(k) && !["registered", "valid", "invalid"].includes(k) && !k.startsWith("issued"),
    )
    .map((key) => ({ key, column: idx(key) }));
  return ok({
    station: { index: station },
    areas,
    registered: idx("registered"),
    issued: ["issuedEarly", "issuedInStation", "issuedOutside"].map((key) => ({ key, column: idx(key) })),
    valid: idx("valid"),
    invalid: idx("invalid"),
    contestants: contestants.map((index) => ({ index })),
    lines: [...lines, ...otherLines],
    controls: controlsFor(new Set(found.keys())),
    missingValues: [...DEFAULT_MISSING_VALUES],
    controlFailures: "exclude",
  });
}
