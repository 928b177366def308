import { parseRoster, parseStations, readCsvTable, type StationMappingInput } from "@scrutiny/domain";
import { expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { ids, sampleElection, sampleMission } from "./support/sample-election.ts";

const mapping: StationMappingInput = {
  code: "code",
  name: "name",
  registeredVoters: "voters",
  areas: [
    { level: "region", code: "region", name: "region_name" },
    { level: "constituency", code: "constituency" },
  ],
  attributes: [{ key: "settlement", column: "settlement" }],
};
const HEADER = "code,name,region,region_name,constituency,voters,settlement";

/** A station file of `n` stations over 7 regions and 110 constituencies. */
export function stationFile(n: number, change: (i: number) => string | undefined = () => undefined): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const constituency = i % 110;
    const region = `R${constituency % 7}`;
    lines.push(
      change(i) ??
        `S${i + 1},Station ${i + 1},${region},Region ${region},${region}-${constituency},${500 + (i % 1500)},${i % 3 === 0 ? "urban" : "rural"}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

function parsed(text: string) {
  const table = readCsvTable(text);
  if (!table.ok) throw new Error(JSON.stringify(table.error));
  const result = parseStations(table.value, mapping);
  if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 3)));
  return result.value;
}

describeOnEachBackend("station and roster import", (getStore) => {
  const electionId = "00000000-0000-4000-8000-0000000001e1";

  it("imports 100,000 stations with their areas in one transaction, with progress", async () => {
    const store = getStore();
    await store.elections.insertBundle({
      ...sampleElection,
      election: { ...sampleElection.election, id: electionId, code: "big" },
      areas: [],
      stations: [],
      contests: [],
      candidates: [],
      officialResults: [],
    });
    const file = parsed(stationFile(100_000));
    const stages: string[] = [];
    const outcome = await store.stationImports.apply(electionId, file, {
      onProgress: (p) => stages.push(`${p.stage}:${p.processed}/${p.total}`),
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        stations: { added: 100_000, changed: 0, removed: 0, unchanged: 0 },
        areas: { added: 117, changed: 0 },
      },
    });
    expect(stages[0]).toBe("areas:0/100000");
    expect(stages).toContain("loading:100000/100000");
    expect(stages.at(-1)).toBe("merging:100000/100000");
    const summary = await store.elections.summary(electionId);
    expect(summary).toMatchObject({ stations: 100_000, areasByLevel: { region: 7, constituency: 110 } });
    // How long it takes is measured by bench/import.bench.ts, beside a baseline (no time limit here).
  }, 180_000);

  it("re-imports by station code and reports what was added, changed and removed", async () => {
    const store = getStore();
    const next = parsed(
      stationFile(100_001, (i) => {
        if (i === 5) return "S6,Station 6 renamed,R5,Region R5,R5-5,505,urban";
        if (i === 7) return "S8,Station 8,R1,Region R1,R1-1,9999,rural";
        if (i === 100_000) return "S-new,New station,R0,Region R0,R0-0,10,rural";
        return undefined;
      }).replace(/\r\nS3,[^\r]*/, ""),
    );
    const outcome = await store.stationImports.apply(electionId, next, {
      removeMissing: true,
      confirmRemovals: 1,
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.value.stations).toEqual({ added: 1, changed: 2, removed: 1, unchanged: 99_997, kept: 0 });
    expect(outcome.value.addedCodes).toEqual(["S-new"]);
    expect(outcome.value.removedCodes).toEqual(["S3"]);
    expect(outcome.value.changedStations).toEqual([
      { code: "S6", fields: ["name", "attributes"] },
      { code: "S8", fields: ["registeredVoters", "area"] },
    ]);
    expect(await store.elections.summary(electionId)).toMatchObject({ stations: 100_000 });
    const again = await store.stationImports.apply(electionId, next, { dryRun: true });
    expect(again).toMatchObject({ ok: true, value: { stations: { added: 0, changed: 0, removed: 0 } } });
  }, 180_000);

  it("keeps everything as it was when a station to remove has reports or visits", async () => {
    const store = getStore();
    await store.elections.insertBundle(sampleElection);
    await store.missions.insertBundle(sampleMission);
    const table = readCsvTable(
      [
        "code,name,region,region_name,constituency,voters,settlement",
        "PS-2,School 2,N,North,N-1,1600,rural",
      ].join("\n"),
    );
    if (!table.ok) throw new Error("table");
    const file = parseStations(table.value, mapping);
    if (!file.ok) throw new Error("parse");
    for (const dryRun of [true, false]) {
      const outcome = await store.stationImports.apply(ids.election, file.value, {
        removeMissing: true,
        confirmRemovals: 2,
        dryRun,
      });
      expect(outcome).toEqual({
        ok: false,
        error: { code: "station_in_use", conflicts: [{ code: "PS-1", submissions: 0, visits: 1 }] },
      });
    }
    expect(await store.elections.summary(ids.election)).toMatchObject({
      stations: 3,
      areasByLevel: { region: 2, constituency: 1 },
    });
    // By default the same file updates PS-2 (voters; coordinates, not in the file, stay), removing nothing.
    const kept = await store.stationImports.apply(ids.election, file.value);
    expect(kept).toMatchObject({
      ok: true,
      value: { stations: { added: 0, changed: 1, removed: 0, kept: 2 } },
    });
  });

  it("removes stations only when asked with their count confirmed; a dry run reports exactly the real run", async () => {
    const store = getStore();
    const csv = (...rows: string[]) => {
      const table = readCsvTable(
        ["code,name,region,region_name,constituency,voters,settlement", ...rows].join("\n"),
      );
      if (!table.ok) throw new Error("table");
      const file = parseStations(table.value, mapping);
      if (!file.ok) throw new Error("parse");
      return file.value;
    };
    const stations = async () => (await store.elections.summary(ids.election))?.stations;
    const withoutThird = csv("PS-1,School 1,N,North,N-1,1000,urban", "PS-2,School 2,N,North,N-1,1700,rural");
    const before = await stations();
    expect(before).toBe(3);

    // Kept by default, in the dry run as in the real run (--keep-missing was ignored by dry runs).
    const keepDry = await store.stationImports.apply(ids.election, withoutThird, { dryRun: true });
    expect(keepDry).toMatchObject({
      ok: true,
      value: { stations: { removed: 0, kept: 1 }, removedCodes: [] },
    });
    expect(await stations()).toBe(3);

    const removeDry = await store.stationImports.apply(ids.election, withoutThird, {
      removeMissing: true,
      dryRun: true,
    });
    if (!removeDry.ok) throw new Error(JSON.stringify(removeDry.error));
    expect(removeDry.value.stations).toMatchObject({ removed: 1, kept: 0 });
    expect(removeDry.value.removedCodes).toEqual(["PS-3"]);

    for (const confirmRemovals of [undefined, 0, 2]) {
      const refused = await store.stationImports.apply(ids.election, withoutThird, {
        removeMissing: true,
        ...(confirmRemovals === undefined ? {} : { confirmRemovals }),
      });
      expect(refused).toEqual({
        ok: false,
        error: { code: "removal_unconfirmed", removals: 1, removedCodes: ["PS-3"] },
      });
      expect(await stations()).toBe(3);
    }
    const removed = await store.stationImports.apply(ids.election, withoutThird, {
      removeMissing: true,
      confirmRemovals: 1,
    });
    expect(removed).toEqual(removeDry);
    expect(await stations()).toBe(2);
  });

  it("imports a roster: observers by code, teams, long-term observers' areas", async () => {
    const store = getStore();
    const table = readCsvTable(
      [
        "code,name,phone,languages,team,role,areas",
        "111111,Anna Observer,+375 29 765 43 21,en,T01,sto,",
        "200001,Boris,029 7654321,ru,T01,sto,",
        "200002,Clara,,de en,,lto,N;S",
      ].join("\n"),
    );
    if (!table.ok) throw new Error("table");
    const roster = parseRoster(
      table.value,
      {
        code: "code",
        name: "name",
        phone: "phone",
        languages: "languages",
        team: "team",
        role: "role",
        areas: "areas",
      },
      { defaultCountryCode: "375" },
    );
    if (!roster.ok) throw new Error(JSON.stringify(roster.error));
    const outcome = await store.roster.importRoster(ids.mission, ids.election, roster.value);
    expect(outcome).toEqual({
      ok: true,
      value: {
        observers: { added: 2, changed: 1, unchanged: 0 },
        teams: { added: 0, changed: 1 },
        areaAssignments: 2,
      },
    });
    const list = await store.roster.list(ids.mission);
    expect(list.map((o) => [o.code, o.phone, o.teamCodes, o.areaCodes, o.access])).toEqual([
      ["111111", "+375297654321", ["T01"], [], "none"],
      ["200001", "+375297654321", ["T01"], [], "none"],
      ["200002", null, [], ["N", "S"], "none"],
    ]);
  });
});
