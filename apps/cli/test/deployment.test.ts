import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@scrutiny/store";
import { beforeAll, describe, expect, it } from "vitest";
import { ids, sampleElection, sampleMission } from "../../../packages/store/test/support/sample-election.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "scrutiny-deployment-"));
const dataDir = join(dir, "data");
const storage = ["--data-dir", dataDir];

describe("scrutiny import and sample", () => {
  beforeAll(async () => {
    const opened = await openStore({ dataDir });
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.value.elections.insertBundle(sampleElection);
    await opened.value.missions.insertBundle(sampleMission);
    await opened.value.close();
    const lines = ["Номер УИК;Наименование;Регион;Округ;Избирателей;Местность"];
    lines.push(
      "PS-1;School 1;N;N-1;1000;urban",
      "PS-2;School 2;N;N-1;1500;rural",
      "PS-3;School 3;S;S-1;2000;rural",
    );
    for (let i = 4; i <= 600; i++) {
      const region = i % 2 ? "N" : "S";
      lines.push(
        `PS-${i};Station ${i};${region};${region}-${(i % 5) + 1};${400 + i};${i % 3 ? "rural" : "urban"}`,
      );
    }
    writeFileSync(join(dir, "stations.csv"), `\ufeff${lines.join("\r\n")}\r\n`);
    writeFileSync(join(dir, "broken.csv"), `${lines.slice(0, 10).join("\n")}\nPS-5;Again;N;N-1;many;urban\n`);
    writeFileSync(
      join(dir, "roster.csv"),
      ["code,name,phone,team", "500001,Ivan,029 123 45 67,T05", "500002,Olga,+375 33 765 43 21,T05"].join(
        "\n",
      ),
    );
  }, 60_000);

  it("imports stations with the mapping suggested from Cyrillic headers, with progress on stderr", async () => {
    const run = await runCli([
      "import",
      "stations",
      join(dir, "stations.csv"),
      "--election",
      "sample-2019",
      ...storage,
    ]);
    expect(run.stderr).toContain("mapping suggested from the header");
    expect(run.stderr).toMatch(/loading 600\/600/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("imported 600 stations");
    expect(run.stdout).toContain("stations: 597 added, 1 changed, 0 removed, 2 unchanged");
  }, 60_000);

  it("refuses a malformed file with line numbers, importing nothing", async () => {
    const run = await runCli([
      "import",
      "stations",
      join(dir, "broken.csv"),
      "--election",
      "sample-2019",
      ...storage,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'broken.csv: line 11, column "Избирателей": registered voters must be a whole number',
    );
    expect(run.stderr).toContain(
      'broken.csv: line 11, column "Номер УИК": station code "PS-5" is already on line 6',
    );
    expect(run.stderr).toContain("scrutiny: 2 problems in");
    expect(run.stderr).toContain("nothing was imported");
    const missing = await runCli([
      "import",
      "stations",
      join(dir, "nope.csv"),
      "--election",
      "sample-2019",
      ...storage,
    ]);
    expect(missing.stderr.trim()).toMatch(/^scrutiny: cannot read .*nope\.csv: ENOENT$/);
  }, 60_000);

  it("imports observers with a default country code", async () => {
    const run = await runCli([
      "import",
      "observers",
      join(dir, "roster.csv"),
      "--mission",
      "intl",
      "--country-code",
      "375",
      ...storage,
    ]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("observers: 2 added, 0 changed, 0 unchanged");
    expect(run.stdout).toContain("teams: 1 added");
  }, 60_000);

  it("draws the same stratified sample for the same seed and prints stratum sizes", async () => {
    const args = [
      "sample",
      "--mission",
      "intl",
      "--design",
      "stratified",
      "--strata",
      "region,settlement",
      "--size",
      "40",
      "--seed",
      "7",
      "--reserve",
      "2",
      "--confirm",
      ...storage,
    ];
    const first = await runCli(args);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      "stratified plan for mission intl: 40 of 600 stations and 8 reserves, seed 7",
    );
    expect(first.stdout).toMatch(/N \/ rural\s+200\s+13\s+2/);
    expect(first.stdout).toContain("plan version 1 is the mission's deployment");
    const opened = await openStore({ dataDir });
    if (!opened.ok) throw new Error(opened.error.message);
    const planned = async () =>
      (await opened.value.deployment.plannedStations(ids.mission, { limit: 100, offset: 0 })).stations.map(
        (s) => s.code,
      );
    const before = await planned();
    await opened.value.close();
    const second = await runCli(args);
    // The same draw again: the same sample and sizes, recorded as the next version.
    expect(second.stdout).toBe(first.stdout.replace("plan version 1", "plan version 2"));
    const reopened = await openStore({ dataDir });
    if (!reopened.ok) throw new Error(reopened.error.message);
    const after = (
      await reopened.value.deployment.plannedStations(ids.mission, { limit: 100, offset: 0 })
    ).stations.map((s) => s.code);
    await reopened.value.close();
    expect(after).toEqual(before);
    const bad = await runCli([
      "sample",
      "--mission",
      "intl",
      "--strata",
      "district",
      "--size",
      "5",
      "--seed",
      "1",
      ...storage,
    ]);
    expect(bad.stderr.trim()).toBe(
      'scrutiny: "district" is neither an area level nor a station attribute (known: region, constituency, settlement)',
    );
  }, 90_000);
});
