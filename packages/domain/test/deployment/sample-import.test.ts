import { describe, expect, it } from "vitest";
import { parseImportedSample, readCsvTable, type Table } from "../../src/index.ts";

function table(text: string): Table {
  const read = readCsvTable(text);
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  return read.value;
}

describe("imported samples", () => {
  it("keeps each station's π and estimates N_h as Σ 1/π", () => {
    const parsed = parseImportedSample(
      table("station;probability;stratum\nQ-17;0,25;coast\nQ-02;0.5;coast\nM-9;0.1;mountains\n"),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.stations.map((s) => [s.code, s.stratum, s.probability])).toEqual([
      ["Q-17", "coast", 0.25],
      ["Q-02", "coast", 0.5],
      ["M-9", "mountains", 0.1],
    ]);
    expect(parsed.value.strata).toEqual([
      { stratum: "coast", populationSize: 6, sampleSize: 2 },
      { stratum: "mountains", populationSize: 10, sampleSize: 1 },
    ]);
    expect(parsed.value.sizes).toBe("estimated");
  });

  it("takes N_h and n_h from a strata file (π = n_h / N_h) and puts an unstratified sample in one stratum", () => {
    const withStrata = parseImportedSample(
      table("station,stratum\nA1,north\nA2,north\nB1,south\n"),
      table("stratum,N_h,n_h\nnorth,40,2\nsouth,9,1\n"),
    );
    if (!withStrata.ok) throw new Error(JSON.stringify(withStrata.error));
    expect(withStrata.value.stations.map((s) => s.probability)).toEqual([0.05, 0.05, 1 / 9]);
    expect(withStrata.value.sizes).toBe("given");
    const single = parseImportedSample(table("code,pi\nX,0.5\nY,0.25\n"));
    if (!single.ok) throw new Error(JSON.stringify(single.error));
    expect(single.value.stratified).toBe(false);
    expect(single.value.strata).toEqual([{ stratum: "all", populationSize: 6, sampleSize: 2 }]);
  });

  it("names the line of every duplicate, bad probability, unknown stratum and size mismatch", () => {
    const parsed = parseImportedSample(
      table(
        "station,probability,stratum\nA1,0.2,north\nA1,0.2,north\nA2,0,north\nA3,1.2,north\nA4,x,north\nA5,,west\n",
      ),
      table("stratum,N_h,n_h\nnorth,10,4\nnorth,3,1\nsouth,2,5\n"),
    );
    if (parsed.ok) throw new Error("accepted");
    expect(parsed.error.map((i) => [i.path?.[0], i.line, i.code])).toEqual([
      ["strata", 3, "duplicate_stratum"],
      ["strata", 4, "invalid_size"],
      ["stations", 3, "duplicate_station"],
      ["stations", 4, "invalid_probability"],
      ["stations", 5, "invalid_probability"],
      ["stations", 6, "invalid_probability"],
      ["stations", 7, "unknown_stratum"],
    ]);
    const mismatch = parseImportedSample(
      table("station,stratum\nA1,north\n"),
      table("stratum,N_h,n_h\nnorth,10,2\n"),
    );
    expect(mismatch.ok ? [] : mismatch.error.map((i) => [i.line, i.code])).toEqual([
      [2, "sample_size_mismatch"],
    ]);
    const mixed = parseImportedSample(table("station,probability,stratum\nA1,0.5,north\nA2,0.5,\n"));
    expect(mixed.ok ? [] : mixed.error.map((i) => [i.line, i.code])).toEqual([[3, "missing_stratum"]]);
    const noColumn = parseImportedSample(table("station\nA1\n"));
    expect(noColumn.ok ? [] : noColumn.error.map((i) => i.code)).toEqual(["missing_column"]);
  });
});
