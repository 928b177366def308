import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { runForensicsJob } from "../src/forensics/compute.ts";
import { computeFigures, computeObserverEffects, figureTables } from "../src/publication/figures.ts";
import { forensicsJob, type PublishedReport, publishedReport } from "../src/publication/forensics.ts";
import { packageFiles, readPackage } from "../src/publication/package.ts";
import { fileMap } from "../src/publication/publish.ts";
import { recomputePackage } from "../src/publication/recompute.ts";
import { madeUpSnapshot } from "./publication-snapshot.ts";

const profile = (name: string) =>
  JSON.parse(readFileSync(new URL(`./frictionless-profiles/${name}.json`, import.meta.url), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// A hint for form editors in the profiles, not a constraint.
ajv.addFormat("textarea", true);
const validate = {
  package: ajv.compile(profile("data-package")),
  resource: ajv.compile(profile("data-resource")),
  tabular: ajv.compile(profile("tabular-data-resource")),
  tableSchema: ajv.compile(profile("table-schema")),
};
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * The made-up mission's package, figures computed from the data as the package holds it; with
 * forensics of made-up official results when asked (a second or so each, so built once).
 */
let withForensics: Map<string, Uint8Array> | undefined;
function buildPackage(forensics = false): Map<string, Uint8Array> {
  if (forensics) {
    withForensics ??= build(madeUpSnapshot());
    return new Map(withForensics);
  }
  return build({ ...madeUpSnapshot(), forensics: [] });
}

function build(draft: ReturnType<typeof madeUpSnapshot>) {
  const read = readPackage(fileMap(packageFiles(draft, { estimates: [], incidents: [] })));
  if (!read.ok) throw new Error(read.error);
  const data = read.value.data;
  const figures = computeFigures(data);
  if (!figures.ok) throw new Error(figures.error);
  const reports = new Map<string, PublishedReport>(
    data.forensics.map((f) => [f.name, publishedReport(f.name, runForensicsJob(forensicsJob(f)))]),
  );
  const effects = computeObserverEffects(data);
  if (!effects.ok) throw new Error(effects.error);
  return fileMap(packageFiles(data, figureTables(figures.value, data), reports, effects.value));
}

function edit(
  files: Map<string, Uint8Array>,
  name: string,
  change: (text: string) => string,
  fixHash: boolean,
) {
  const before = files.get(name) ?? new Uint8Array();
  const after = encoder.encode(change(decoder.decode(before)));
  expect(after).not.toEqual(before);
  files.set(name, after);
  if (fixHash) {
    const descriptor = decoder.decode(files.get("datapackage.json"));
    files.set("datapackage.json", encoder.encode(descriptor.replace(sha256(before), sha256(after))));
  }
}

describe("publication data package", () => {
  it("is valid against the Data Package, Data Resource, Tabular Data Resource and Table Schema profiles", () => {
    const files = buildPackage(true);
    expect(files.has("forensics-1-stations.csv")).toBe(true);
    const descriptor = JSON.parse(decoder.decode(files.get("datapackage.json")));
    expect(validate.package(descriptor), JSON.stringify(validate.package.errors)).toBe(true);
    expect(descriptor.resources.length).toBe(files.size - 1);
    for (const resource of descriptor.resources) {
      const bytes = files.get(resource.path);
      if (bytes === undefined) throw new Error(`no ${resource.path}`);
      expect(resource.hash).toBe(`sha256:${sha256(bytes)}`);
      expect(resource.bytes).toBe(bytes.length);
      if (resource.profile === "tabular-data-resource") {
        expect(
          validate.tabular(resource),
          `${resource.path}: ${JSON.stringify(validate.tabular.errors)}`,
        ).toBe(true);
        expect(validate.tableSchema(resource.schema), JSON.stringify(validate.tableSchema.errors)).toBe(true);
        const header = decoder.decode(bytes).split("\r\n")[0]?.split(",");
        expect(header).toEqual(resource.schema.fields.map((f: { name: string }) => f.name));
      } else {
        expect(validate.resource(resource), JSON.stringify(validate.resource.errors)).toBe(true);
      }
    }
    // The profiles are not a formality: a broken descriptor is refused.
    expect(validate.package({ ...descriptor, resources: [] })).toBe(false);
    expect(validate.tabular({ ...descriptor.resources[0], hash: "sha256:not-hex" })).toBe(false);
  });

  it("carries every kind of figure and answer, and the abroad station and quarantined reports", () => {
    const files = buildPackage();
    const estimates = decoder.decode(files.get("estimates.csv"));
    for (const fragment of [
      "protocol-missing,3,overall,all,proportion,station",
      "ballots-median",
      ",area,CAP,",
      ",phase,advance,",
    ])
      expect(estimates).toContain(fragment);
    expect(decoder.decode(files.get("incidents.csv"))).toContain("intimidation");
    const reports = decoder.decode(files.get("reports.csv"));
    expect(reports).toContain('"[""secrecy"",""ink""]"');
    expect(reports).toContain(",quarantined,");
    const descriptor = JSON.parse(decoder.decode(files.get("datapackage.json")));
    const fields = descriptor.resources.find((r: { path: string }) => r.path === "reports.csv").schema.fields;
    expect(
      Object.fromEntries(fields.map((f: { name: string; type: string }) => [f.name, f.type])),
    ).toMatchObject({
      "answer.ballots_cast": "number",
      "answer.procedures": "array",
      "answer.protocol_posted": "string",
    });
  });

  it("recomputes an intact package to the same text, figure for figure", () => {
    const report = recomputePackage(buildPackage());
    if (!report.ok) throw new Error(report.error);
    expect(report.value.hashProblems).toEqual([]);
    expect(report.value.mismatches).toEqual([]);
    expect(report.value.compared).toBeGreaterThan(500);
  });

  it("names the figure an edited answer changes, even when the edit updated the declared hash", () => {
    const files = buildPackage();
    // One report's 'yes' becomes 'no' (a counting report on a planned station).
    edit(
      files,
      "reports.csv",
      (text) => text.replace(/,yes,(fine|acceptable|poor|unacceptable)\r\n/, ",no,$1\r\n"),
      true,
    );
    const report = recomputePackage(files);
    if (!report.ok) throw new Error(report.error);
    expect(report.value.hashProblems).toEqual([]);
    const figures = report.value.mismatches.map((m) => m.figure);
    expect(figures).toContain("protocol-missing / overall / all / numerator");
  });

  it("names the file whose bytes no longer match datapackage.json, and an edited published figure", () => {
    const files = buildPackage();
    edit(
      files,
      "estimates.csv",
      (text) =>
        text.replace(
          /(ballots-mean,1,overall,all,mean,visit,)([0-9.]+)/,
          (_, head, value) => `${head}${Number(value) + 1}`,
        ),
      false,
    );
    const report = recomputePackage(files);
    if (!report.ok) throw new Error(report.error);
    expect(report.value.hashProblems).toEqual([
      "estimates.csv: its SHA-256 is not the one datapackage.json declares",
    ]);
    expect(report.value.mismatches).toHaveLength(1);
    expect(report.value.mismatches[0]?.figure).toBe("ballots-mean / overall / all / value");
  });

  it("carries the forensics of official results with their inputs, and recomputes every one of their figures", () => {
    const files = buildPackage(true);
    const report = JSON.parse(decoder.decode(files.get("forensics-1.json")));
    // The published report is the forensics service's: readings, intervals, exclusions by reason.
    expect(report.kind).toBe("scrutiny.forensics");
    expect(report.timings).toBeUndefined();
    expect(report.election.stations).toBe(240);
    expect(report.election.leader).toBe('Union "Forward", list 1');
    expect(report.integerPercentages.reading).toMatch(/whole-number turnout/);
    expect(report.integerPercentages.observed).toBeGreaterThanOrEqual(24);
    const fi = report.fingerprint.fit.fi;
    expect(fi.interval[0]).toBeLessThanOrEqual(fi.interval[1]);
    expect(report.exclusions.byReason["no-protocol"]).toBe(3);
    expect(report.exclusions.reading).toContain("5 of 245 rows");
    expect(report.breakdown.level).toBe("province");
    expect(report.arithmetic.relations.map((r: { id: string }) => r.id)).toContain("received");
    const areas = decoder.decode(files.get("forensics-1-areas.csv"));
    expect(areas).toContain("1,district,2,1,Central\r\n");
    const stations = decoder.decode(files.get("forensics-1-stations.csv"));
    expect(stations.split("\r\n")[0]).toBe(
      "station,source_line,area_0,area_1,registered,ballots_issued,valid,invalid,votes_0,votes_1,votes_2,votes_3,line_0",
    );
    const recomputed = recomputePackage(files);
    if (!recomputed.ok) throw new Error(recomputed.error);
    expect(recomputed.value.mismatches).toEqual([]);
    const withoutForensics = recomputePackage(files, { forensics: false });
    if (!withoutForensics.ok) throw new Error(withoutForensics.error);
    // Histograms, tests, fits, bootstrap draws and readings: thousands of figures compared.
    expect(recomputed.value.compared - withoutForensics.value.compared).toBeGreaterThan(2000);
  });

  it("names the forensic figures an edited station changes, and an edited published interval", () => {
    const files = buildPackage(true);
    // Station 3's leader votes doubled, with the hash in datapackage.json updated to match.
    edit(
      files,
      "forensics-1-stations.csv",
      (text) => {
        const rows = text.split("\r\n");
        const fields = (rows[3] ?? "").split(",");
        fields[8] = String(2 * Number(fields[8]) + 1);
        rows[3] = fields.join(",");
        return rows.join("\r\n");
      },
      true,
    );
    const changed = recomputePackage(files);
    if (!changed.ok) throw new Error(changed.error);
    const figures = changed.value.mismatches
      .filter((m) => m.file === "forensics-1.json")
      .map((m) => m.figure);
    expect(figures).toContain("election.contestants[0].votes");
    expect(figures.some((f) => f.startsWith("histograms.leaderShare["))).toBe(true);

    const again = buildPackage(true);
    edit(
      again,
      "forensics-1.json",
      (text) => {
        const report = JSON.parse(text);
        report.fingerprint.fit.fi.interval[1] += 0.01;
        return `${JSON.stringify(report)}\n`;
      },
      false,
    );
    const edited = recomputePackage(again);
    if (!edited.ok) throw new Error(edited.error);
    expect(edited.value.hashProblems).toEqual([
      "forensics-1.json: its SHA-256 is not the one datapackage.json declares",
    ]);
    expect(edited.value.mismatches.map((m) => m.figure)).toEqual(["fingerprint.fit.fi.interval[1]"]);
  });

  it("publishes the observer effects of assessment indicators, by pseudonymous team, and recomputes them", () => {
    const files = buildPackage();
    const effects = JSON.parse(decoder.decode(files.get("observer-effects.json")));
    expect(effects.map((e: { indicatorCode: string }) => e.indicatorCode)).toEqual(["poor-quality"]);
    const [quality] = effects;
    expect(quality.question).toBe("quality");
    expect(quality.observations).toBeGreaterThan(50);
    expect(quality.raw.denominator).toBeGreaterThan(0);
    // Teams appear by their random ids (as in reports.csv), never by code.
    for (const team of quality.teams) expect(team.teamCode).toBe(team.teamId);
    // A report moved to another team, hash updated: the fit changes, and recompute says where.
    edit(
      files,
      "reports.csv",
      (text) =>
        text.replace(
          /(\r\n[^,]+,[^,]+,)00000003-0000-4000-8000-000000000001(,main-day,counting,)/,
          "$100000003-0000-4000-8000-000000000002$2",
        ),
      true,
    );
    const report = recomputePackage(files);
    if (!report.ok) throw new Error(report.error);
    const changed = report.value.mismatches.filter((m) => m.file === "observer-effects.json");
    expect(changed.length).toBeGreaterThan(0);
    expect(report.value.mismatches.filter((m) => m.file === "estimates.csv")).toEqual([]);
  });

  it("reports a malformed file with its line", () => {
    const files = buildPackage();
    edit(files, "stations.csv", (text) => text.replace(/,regular,(\d+)\r\n/, ",regular,many\r\n"), true);
    const report = recomputePackage(files);
    expect(report.ok).toBe(false);
    if (!report.ok)
      expect(report.error).toMatch(/^stations\.csv line \d+: registered_voters is not an integer$/);
  });
});
