import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ElectionSetup, parseDescribed } from "@scrutiny/domain";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "scrutiny-election-"));
const storage = (name: string) => ["--data-dir", join(dir, name)];

const file = `# Municipal elections of a country the demo knows nothing of
code: cl-municipal-2028
name: { es: Elecciones municipales 2028 }
country: CL
electionDate: "2028-10-22"
timeZone: America/Santiago
languages: [es]
phases:
  - { code: votacion, kind: election_day, date: "2028-10-22", name: { es: Votación }, opensAt: "08:00", closesAt: "18:00" }
  - { code: escrutinio, kind: count, date: "2028-10-22", name: { es: Escrutinio } }
  - { code: colegio, kind: tabulation, date: "2028-10-30", name: { es: Colegio escrutador } }
contests:
  - code: alcaldia-valpo
    name: { es: Alcaldía de Valparaíso }
    entries:
      - { code: "1", name: Camila Rojas, party: Movimiento Puerto }
      - { code: "2", name: Diego Fuentes }
`;

describe("scrutiny election and mission", () => {
  it("creates an election from YAML, exports it, and the export sets up the same election elsewhere", async () => {
    writeFileSync(join(dir, "election.yaml"), file);
    const created = await runCli([
      "election",
      "create",
      "--file",
      join(dir, "election.yaml"),
      ...storage("a"),
    ]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("election cl-municipal-2028 created");
    const exported = await runCli([
      "election",
      "export",
      "cl-municipal-2028",
      "--file",
      join(dir, "out.json"),
      ...storage("a"),
    ]);
    expect(exported.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"));
    expect(json.phases[0]).toEqual({
      code: "votacion",
      kind: "election_day",
      date: "2028-10-22",
      name: { es: "Votación" },
      opensAt: "08:00",
      closesAt: "18:00",
    });
    const copied = await runCli(["election", "create", "--file", join(dir, "out.json"), ...storage("b")]);
    expect(copied.code).toBe(0);
    // Exported again from the copy, as YAML this time: the same election.
    const again = await runCli([
      "election",
      "export",
      "cl-municipal-2028",
      "--format",
      "yaml",
      ...storage("b"),
    ]);
    expect(again.code).toBe(0);
    expect(parseDescribed(ElectionSetup, again.stdout, "yaml")).toEqual({ ok: true, value: json });
  }, 600_000);

  it("refuses a broken file with its lines and stores nothing", async () => {
    writeFileSync(
      join(dir, "broken.yaml"),
      file
        .replace("cl-municipal-2028", "cl-otra")
        .replace("America/Santiago", "Chile/Valparaiso")
        .replace("closesAt", "closes"),
    );
    const run = await runCli(["election", "create", "--file", join(dir, "broken.yaml"), ...storage("a")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("broken.yaml: line 6, column 11, timeZone: unknown time zone");
    expect(run.stderr).toContain('line 9, column 105, phases.0.closes: unknown field "closes"');
    expect(run.stderr).toContain("nothing was stored");
    const list = await runCli(["election", "list", ...storage("a")]);
    expect(list.stdout).not.toContain("cl-otra");
  }, 600_000);

  it("adds missions of an election from flags and from a file", async () => {
    const flags = await runCli([
      "mission",
      "create",
      "--election",
      "cl-municipal-2028",
      "--code",
      "observa",
      "--name",
      "Observa Chile",
      "--kind",
      "domestic",
      "--languages",
      "es,en",
      ...storage("a"),
    ]);
    expect(flags.code).toBe(0);
    writeFileSync(
      join(dir, "mission.json"),
      JSON.stringify({
        code: "oea",
        name: { es: "Misión OEA" },
        kind: "international",
        languages: ["es", "en"],
      }),
    );
    const fromFile = await runCli([
      "mission",
      "create",
      "--election",
      "cl-municipal-2028",
      "--file",
      join(dir, "mission.json"),
      ...storage("a"),
    ]);
    expect(fromFile.code).toBe(0);
    const duplicate = await runCli([
      "mission",
      "create",
      "--election",
      "cl-municipal-2028",
      "--file",
      join(dir, "mission.json"),
      ...storage("a"),
    ]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("the election has a mission with the code oea");
    const list = await runCli(["mission", "list", "--election", "cl-municipal-2028", ...storage("a")]);
    expect(
      list.stdout
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split("\t").slice(0, 2)),
    ).toEqual([
      ["observa", "domestic"],
      ["oea", "international"],
    ]);

    // mission update: a name in a second language (the first kept), another kind; bad input refused.
    const updated = await runCli([
      "mission",
      "update",
      "--code",
      "observa",
      "--election",
      "cl-municipal-2028",
      "--name",
      "Observa Chile (citizen watch)",
      "--language",
      "en",
      "--kind",
      "citizen",
      ...storage("a"),
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toContain("en: Observa Chile (citizen watch)");
    expect(updated.stdout).toMatch(/es: Observa Chile[,;]/);
    const wrong = await runCli([
      "mission",
      "update",
      "--code",
      "observa",
      "--kind",
      "partisan",
      ...storage("a"),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("--kind");
    writeFileSync(join(dir, "mission-change.yaml"), "languages: [es, en, arn]\n");
    const fromChangeFile = await runCli([
      "mission",
      "update",
      "--code",
      "oea",
      "--file",
      join(dir, "mission-change.yaml"),
      ...storage("a"),
    ]);
    expect(fromChangeFile.code, fromChangeFile.stderr).toBe(0);
    const unknown = await runCli([
      "mission",
      "update",
      "--code",
      "nadie",
      "--kind",
      "citizen",
      ...storage("a"),
    ]);
    expect(unknown.stderr).toContain('no mission "nadie"');
    const after = await runCli(["mission", "list", "--election", "cl-municipal-2028", ...storage("a")]);
    expect(
      after.stdout
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split("\t").slice(0, 4)),
    ).toEqual([
      ["observa", "citizen", expect.any(String), "es,en"],
      ["oea", "international", expect.any(String), "es,en,arn"],
    ]);
  }, 600_000);
});
