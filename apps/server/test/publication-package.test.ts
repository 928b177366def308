import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { computeFigures, figureTables } from "../src/publication/figures.ts";
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

/** The made-up mission's package, figures computed from the data as the package holds it. */
function buildPackage() {
  const draft = madeUpSnapshot();
  const read = readPackage(fileMap(packageFiles(draft, { estimates: [], incidents: [] })));
  if (!read.ok) throw new Error(read.error);
  const data = read.value.data;
  const figures = computeFigures(data);
  if (!figures.ok) throw new Error(figures.error);
  return fileMap(packageFiles(data, figureTables(figures.value, data)));
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
    const files = buildPackage();
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

  it("reports a malformed file with its line", () => {
    const files = buildPackage();
    edit(files, "stations.csv", (text) => text.replace(/,regular,(\d+)\r\n/, ",regular,many\r\n"), true);
    const report = recomputePackage(files);
    expect(report.ok).toBe(false);
    if (!report.ok)
      expect(report.error).toMatch(/^stations\.csv line \d+: registered_voters is not an integer$/);
  });
});
