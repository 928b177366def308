import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/data/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "scrutiny-forensics-"));

describe("scrutiny forensics", () => {
  it("prints one JSON object with the integer-percentage summary and writes an HTML report", async () => {
    const html = join(dir, "report.html");
    const run = await runCli([
      "forensics",
      fixture("russia-2018-president.csv.zip"),
      "--preset",
      "ru-cec",
      "--json",
      "--bootstrap",
      "2",
      "--html",
      html,
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const ip = report.integerPercentages;
    for (const part of [ip, ip.turnoutOnly, ip.leaderOnly]) {
      for (const key of ["included", "observed", "expected", "sd", "excess", "z"]) {
        expect(typeof part[key]).toBe("number");
      }
    }
    expect(ip.included).toBe(91152);
    expect(Math.abs(ip.excess - 1709)).toBeLessThanOrEqual(5);
    expect(run.stderr).toContain("integer percentages");
    const page = readFileSync(html, "utf8");
    expect(page).toContain("<svg");
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it("reads a plain CSV with a JSON mapping", async () => {
    const csv = join(dir, "small.csv");
    const rows = ["district;station;registered;issued;valid;invalid;A;B"];
    for (let i = 0; i < 30; i++) {
      const reg = 500 + i * 10;
      rows.push(`D${i % 3};${i + 1};${reg};${300 + i};${290 + i};10;${150 + i};${140}`);
    }
    writeFileSync(csv, `${rows.join("\r\n")}\r\n`);
    const mapping = join(dir, "mapping.json");
    writeFileSync(
      mapping,
      JSON.stringify({
        station: "station",
        areas: [{ name: "district", column: "district" }],
        registered: "registered",
        issued: ["issued"],
        valid: "valid",
        invalid: "invalid",
        contestants: ["A", "B"],
        controls: [{ id: "valid", left: ["valid"], right: ["contestants"] }],
      }),
    );
    const run = await runCli(["forensics", csv, "--mapping", mapping, "--json", "--no-fingerprint"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.integerPercentages.included).toBe(30);
    expect(report.breakdown.areas).toHaveLength(3);
    expect(report.arithmetic.flaggedStations).toBe(0);
  });

  it("analyses a file with protocol-less rows, lists them, and takes --leader with a preset", async () => {
    const file = fileURLToPath(
      new URL(
        "../../../packages/forensics/test/data/ru-cec-2018-layout-missing-protocols.csv",
        import.meta.url,
      ),
    );
    const excluded = join(dir, "excluded.csv");
    const run = await runCli([
      "forensics",
      file,
      "--preset",
      "ru-cec",
      "--leader",
      "Грудинин",
      "--no-fingerprint",
      "--excluded",
      excluded,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("28 stations analysed, leader Грудинин Павел Николаевич (chosen)");
    expect(run.stdout).toContain("8 of 36 rows excluded: 6 no-protocol, 1 missing-count, 1 control-failure");
    const list = readFileSync(excluded, "utf8").trim().split("\n");
    expect(list).toHaveLength(9);
    expect(list[1]).toBe("5,104,Северная область,no-protocol,every ballot and vote count is empty");
    const strict = await runCli(["forensics", file, "--preset", "ru-cec", "--strict", "--no-fingerprint"]);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain("refused (strict): 8 of 36 rows excluded");
  });

  it("fails with one clear line and no stack trace on a malformed file", async () => {
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, "station,registered,issued,valid,invalid,A\n1,100,50,40,x,20\n");
    const mapping = join(dir, "bad-mapping.json");
    writeFileSync(
      mapping,
      JSON.stringify({
        station: "station",
        registered: "registered",
        issued: ["issued"],
        valid: "valid",
        invalid: "invalid",
        contestants: ["A"],
      }),
    );
    // The only station has an unreadable count: nothing is left to analyse.
    const run = await runCli(["forensics", csv, "--mapping", mapping, "--json"]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe("");
    const errorLines = run.stderr.split("\n").filter((l) => l.startsWith("scrutiny:"));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain("no station can be analysed: 1 of 1 rows excluded: 1 unreadable-count");
    expect(errorLines[0]).toContain('line 2, column "invalid"');
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("fails clearly on a missing file and on a non-results CSV", async () => {
    const missing = await runCli(["forensics", join(dir, "nope.csv")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("cannot read");
    const other = join(dir, "other.csv");
    writeFileSync(other, "a,b\n1,2\n");
    const run = await runCli(["forensics", other, "--preset", "ru-cec"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/scrutiny: .*no column/);
  });
});
