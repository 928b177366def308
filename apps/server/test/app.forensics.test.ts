import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeText, parseCsv, readXlsx, unzipSingleTable, writeXlsx } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

const dataDir = join(import.meta.dirname, "../../../fixtures/data");
const zip2011 = new Uint8Array(readFileSync(join(dataDir, "russia-2011-duma.csv.zip")));
const inner = unzipSingleTable(zip2011);
if (!inner.ok) throw new Error(inner.error.message);
const csv2011 = decodeText(inner.value.bytes);
const lines2011 = csv2011.split("\n");
/** Header + the first `n` stations of the 2011 file. */
const slice = (n: number) => lines2011.slice(0, n + 1).join("\n");

/** Replaces field `col` of line `line` (1-based, header is line 1) of a CSV slice. */
function editField(text: string, line: number, col: number, value: string): string {
  const rows = text.split("\n");
  const row = rows[line - 1] ?? "";
  // The station rows of the 2011 file have no quoted fields.
  const fields = row.split(",");
  fields[col] = value;
  rows[line - 1] = fields.join(",");
  return rows.join("\n");
}

describeOnEachBackend("API: official results and forensics", (getStore, backend) => {
  let app: FastifyInstance;
  let store: Store;
  let analyst: Record<string, string>;
  let observer: Record<string, string>;
  const base = `/api/v1/elections/${ids.election}`;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    // Few fingerprint replicates after each upload (the default 200 + 99 take minutes).
    app = await buildServer({ store, fingerprintReplicates: { bootstrap: 2, lrReplicates: 1, chunk: 1 } });
    analyst = await signIn(app, "analyst");
    observer = await signIn(app, "observer");
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (body: string | Uint8Array, query: string, cookies = analyst) =>
    app.inject({
      method: "POST",
      url: `${base}/results-sets?${query}`,
      cookies,
      headers: { "content-type": "application/octet-stream" },
      payload: typeof body === "string" ? Buffer.from(body) : Buffer.from(body),
    });
  const setCount = async () => (await store.resultsSets.list(ids.election)).length;

  it("imports a slice of the 2011 file with the ru-cec preset and serves its report as JSON and HTML", async () => {
    const response = await upload(
      slice(3000),
      "preset=ru-cec&fileName=2011-slice.csv&name=Duma%202011%20(slice)",
    );
    expect(response.statusCode, response.body).toBe(201);
    const { resultsSet } = response.json() as Json;
    expect(resultsSet).toMatchObject({
      name: "Duma 2011 (slice)",
      stationCount: 3000,
      preset: "ru-cec",
      areaLevels: [{ name: "region" }, { name: "tik" }],
    });
    expect(resultsSet.leader).toContain("ЕДИНАЯ РОССИЯ");

    const list = (
      await app.inject({ method: "GET", url: `${base}/results-sets`, cookies: observer })
    ).json() as Json;
    expect(list.resultsSets.map((s: Json) => s.id)).toContain(resultsSet.id);
    expect(list.official).toMatchObject({ available: true, contests: 1 });

    const report = (
      await app.inject({ method: "GET", url: `${base}/forensics/${resultsSet.id}`, cookies: observer })
    ).json() as Json;
    expect(report.kind).toBe("scrutiny.forensics");
    expect(report.election.stations).toBe(3000);
    for (const part of [report.integerPercentages, report.integerPercentages.turnoutOnly]) {
      for (const field of ["included", "observed", "expected", "sd", "excess", "z"]) {
        expect(typeof part[field]).toBe("number");
      }
    }
    expect(report.breakdown.level).toBe("region");

    const byTik = (
      await app.inject({
        method: "GET",
        url: `${base}/forensics/${resultsSet.id}?level=tik`,
        cookies: observer,
      })
    ).json() as Json;
    expect(byTik.breakdown.level).toBe("tik");
    expect(byTik.integerPercentages.excess).toBeCloseTo(report.integerPercentages.excess, 6);

    const html = await app.inject({
      method: "GET",
      url: `${base}/forensics/${resultsSet.id}/report.html?download=1`,
      cookies: observer,
    });
    expect(html.statusCode, html.body).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.headers["content-disposition"]).toContain("attachment");
    expect(html.body).toContain("<svg");
    expect(html.body).toContain("Duma 2011 (slice)");

    // The figures' tables, as the page's table views show them: XLSX a sheet each, CSV one.
    const tables = `${base}/forensics/${resultsSet.id}/tables`;
    const xlsx = await app.inject({ method: "GET", url: `${tables}?lang=ru`, cookies: observer });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const sheets = readXlsx(new Uint8Array(xlsx.rawPayload));
    if (!sheets.ok) throw new Error("the workbook does not read");
    expect(sheets.value.map((sheet) => sheet.name)).toEqual([
      "Гистограммы явки и доли голосов",
      "Отпечаток выборов",
      "Отпечаток и модель",
      "Последние цифры",
      "Тесты цифр",
    ]);
    const csv = async (table: string) => {
      const response = await app.inject({
        method: "GET",
        url: `${tables}?format=csv&table=${table}`,
        cookies: observer,
      });
      expect(response.statusCode, response.body).toBe(200);
      const [header = [], ...rows] = parseCsv(response.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
      return { header, column: (label: string) => rows.map((row) => Number(row[header.indexOf(label)])) };
    };
    // Every station is in one turnout bin; the fingerprint's cells hold every voter.
    const histograms = await csv("histograms");
    expect(histograms.column("Stations by turnout").reduce((a, b) => a + b, 0)).toBe(
      report.histograms.turnout.reduce((a: number, b: number) => a + b, 0),
    );
    const fingerprint = await csv("fingerprint");
    expect(fingerprint.header).toEqual([
      "Turnout from (%)",
      "Turnout to (%)",
      "Leader's share from (%)",
      "Leader's share to (%)",
      "Share of voters",
    ]);
    expect(fingerprint.column("Share of voters").reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const fit = await csv("fingerprintFit");
    expect(fit.column("Fitted share of voters").reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // Ten last digits per contestant, their counts those the test read.
    const digits = await csv("lastDigits");
    const leader = report.digits.contestants[0];
    expect(digits.column("Last digit")).toHaveLength(10 * report.digits.contestants.length);
    expect(digits.column("Counts ending in it").slice(0, 10)).toEqual(leader.lastDigitFitted.frequencies);
    const tests = await csv("digitTests");
    expect(tests.column("p (fitted null)")[1]).toBeCloseTo(leader.lastDigitFitted.pValue, 9);
    const unknown = await app.inject({
      method: "GET",
      url: `${tables}?format=csv&table=ballots`,
      cookies: observer,
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("computes the fingerprint's replicates after the upload, in the background, with progress", async () => {
    const response = await upload(slice(600), "preset=ru-cec&fileName=600.csv");
    expect(response.statusCode, response.body).toBe(201);
    const { resultsSet } = response.json() as Json;
    const url = `${base}/forensics/${resultsSet.id}`;
    const first = (await app.inject({ method: "GET", url, cookies: observer })).json() as Json;
    // Answered while the replicates run: the point estimates, no ± yet, and how far the job is.
    expect(first.fingerprintReplicates).toMatchObject({ status: "running", total: 3 });
    expect(first.fingerprint.fit.bootstrapReplicates).toBe(0);
    expect(first.fingerprint.reading).toContain("± not computed");
    let report = first;
    for (let i = 0; i < 600 && report.fingerprintReplicates !== undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      report = (await app.inject({ method: "GET", url, cookies: observer })).json() as Json;
    }
    expect(report.fingerprintReplicates).toBeUndefined();
    const fit = report.fingerprint.fit;
    expect(fit.bootstrapReplicates).toBe(2);
    expect(fit.bootstrapDraws.fi).toHaveLength(2);
    expect(Number.isFinite(fit.fi.se)).toBe(true);
    expect(fit.fi.estimate).toBe(first.fingerprint.fit.fi.estimate);
    expect(fit.noFraudTest.replicates).toBe(1);
    expect(fit.noFraudTest.statement).toContain("from 1 replicates");
    expect(report.fingerprint.reading).not.toContain("± not computed");
    // Stored: another breakdown level keeps the finished fingerprint.
    const byTik = (
      await app.inject({ method: "GET", url: `${url}?level=tik`, cookies: observer })
    ).json() as Json;
    expect(byTik.breakdown.level).toBe("tik");
    expect(byTik.fingerprint.fit.fi).toEqual(fit.fi);
  }, 200_000);

  it("rejects malformed files with the line and column of each problem and stores nothing", async () => {
    const before = await setCount();
    const cases: { text: string; code: string; line?: number }[] = [
      // The valid-ballots column is missing.
      {
        text: slice(20)
          .split("\n")
          .map((row) =>
            row
              .split(",")
              .filter((_, i) => i !== 12)
              .join(","),
          )
          .join("\n"),
        code: "missing_column",
      },
      // Rows that cannot be analysed refuse the file only in strict mode (else they are excluded).
      { text: editField(slice(20), 5, 6, "-12"), code: "unreadable_count", line: 5 },
      { text: editField(slice(20), 7, 26, "999999"), code: "votes_above_registered", line: 7 },
      { text: editField(slice(20), 9, 3, "many"), code: "unreadable_count", line: 9 },
    ];
    for (const c of cases) {
      const response = await upload(c.text, "preset=ru-cec&fileName=bad.csv&strict=true");
      expect(response.statusCode, response.body).toBe(422);
      const body = response.json() as Json;
      expect(body.error.code).toBe("invalid_results");
      const issue = body.error.details.issues.find((i: Json) => i.code === c.code);
      expect(issue, JSON.stringify(body.error.details.issues)).toBeDefined();
      if (c.line !== undefined) {
        expect(issue.line).toBe(c.line);
        expect(typeof issue.column).toBe("string");
        expect(issue.message).toContain(`line ${c.line}`);
      }
    }
    // No mapping, a bad mapping, an unreadable zip.
    expect((await upload(slice(5), "fileName=x.csv")).statusCode).toBe(422);
    const badMapping = await upload(
      slice(5),
      `mapping=${encodeURIComponent(JSON.stringify({ station: "uik" }))}`,
    );
    expect(badMapping.statusCode).toBe(422);
    expect((badMapping.json() as Json).error.code).toBe("invalid_mapping");
    const badZip = await upload(
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      "preset=ru-cec&fileName=x.zip",
    );
    expect(badZip.statusCode).toBe(422);
    expect(await setCount()).toBe(before);
  });

  it("accepts a column mapping and an .xlsx workbook; observers may not upload", async () => {
    const rows = [
      ["Station", "Province", "Registered", "Issued", "Valid", "Invalid", "Green", "Blue"],
      ...Array.from({ length: 60 }, (_, i) => {
        const registered = 800 + 10 * i;
        const issued = 400 + 3 * i;
        const invalid = i % 7;
        const green = Math.floor((issued - invalid) * 0.6);
        return [
          `S${i + 1}`,
          i < 30 ? "North" : "South",
          registered,
          issued,
          issued - invalid,
          invalid,
          green,
          issued - invalid - green,
        ];
      }),
    ];
    const mapping = {
      station: "Station",
      areas: [{ name: "province", column: "Province" }],
      registered: "Registered",
      issued: ["Issued"],
      valid: "Valid",
      invalid: "Invalid",
      contestants: ["Green", "Blue"],
      controls: [{ id: "valid-votes", left: ["valid"], right: ["contestants"] }],
    };
    const q = `mapping=${encodeURIComponent(JSON.stringify(mapping))}&contest=C`;
    const xlsx = writeXlsx([{ name: "results", rows }]);
    const fromXlsx = await upload(xlsx, `${q}&fileName=results.xlsx`);
    expect(fromXlsx.statusCode, fromXlsx.body).toBe(201);
    expect((fromXlsx.json() as Json).resultsSet).toMatchObject({
      stationCount: 60,
      leader: "Green",
      contestCode: "C",
    });

    const csv = rows.map((r) => r.join(";")).join("\r\n");
    const fromCsv = await upload(csv, `${q.replace("&contest=C", "")}&fileName=results.csv`);
    expect(fromCsv.statusCode, fromCsv.body).toBe(201);

    // A missing count in row 12 of the sheet: that station is left out (and counted in the
    // report); in strict mode the file is refused at line 12.
    const bad = rows.map((r, i) => (i === 11 ? r.map((v, k) => (k === 2 ? "n/a" : v)) : r));
    const badXlsx = await upload(writeXlsx([{ name: "results", rows: bad }]), `${q}&fileName=bad.xlsx`);
    expect(badXlsx.statusCode, badXlsx.body).toBe(201);
    const badSet = (badXlsx.json() as Json).resultsSet;
    expect(badSet.stationCount).toBe(59);
    const badReport = await app.inject({
      method: "GET",
      url: `${base}/forensics/${badSet.id}`,
      cookies: analyst,
    });
    expect((badReport.json() as Json).exclusions).toMatchObject({
      rows: 60,
      excluded: 1,
      first: [{ line: 12, station: "S11", area: "North", reason: "missing-count" }],
    });
    const strict = await upload(
      writeXlsx([{ name: "results", rows: bad }]),
      `${q}&fileName=bad.xlsx&strict=true`,
    );
    expect(strict.statusCode).toBe(422);
    expect((strict.json() as Json).error.details.issues[1]).toMatchObject({
      line: 12,
      column: "Registered",
      code: "missing_count",
    });

    expect((await upload(csv, `${q}&fileName=r.csv`, observer)).statusCode).toBe(403);
    const id = (fromCsv.json() as Json).resultsSet.id;
    expect(
      (await app.inject({ method: "DELETE", url: `${base}/results-sets/${id}`, cookies: observer }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: "DELETE", url: `${base}/results-sets/${id}`, cookies: analyst }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: "GET", url: `${base}/forensics/${id}`, cookies: analyst })).statusCode,
    ).toBe(404);
  }, 180_000);

  it("analyses the election's own official results by party", async () => {
    const response = await app.inject({
      method: "GET",
      url: `${base}/forensics/official`,
      cookies: observer,
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as Json;
    expect(report.election.stations).toBeGreaterThan(0);
    expect(report.election.contestants.map((c: Json) => c.name)).toContain("Unity");
    expect(report.election.areaLevels.map((l: Json) => l.name)[0]).toBe("region");
    const other = await app.inject({
      method: "GET",
      url: "/api/v1/elections/00000000-0000-4000-8000-0000000000e1/forensics/official",
      cookies: observer,
    });
    // Another election's: the observer's mission does not observe it.
    expect(other.statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: `${base}/forensics/official` })).statusCode).toBe(401);
  });

  if (backend === "pglite") {
    it("imports the whole 2011 Duma file (zip) and reproduces the published excess of ~1,003 stations", async () => {
      const started = performance.now();
      const pending = upload(zip2011, "preset=ru-cec&fileName=russia-2011-duma.csv.zip");
      // The analysis runs on a worker thread: other requests are served meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await app.inject({ method: "GET", url: "/health" });
      const healthAt = performance.now() - started;
      const response = await pending;
      const ms = performance.now() - started;
      expect(health.statusCode).toBe(200);
      expect(healthAt).toBeLessThan(ms);
      expect(response.statusCode, response.body).toBe(201);
      const { resultsSet, milliseconds } = response.json() as Json;
      expect(resultsSet.stationCount).toBeGreaterThan(90_000);
      const report = (
        await app.inject({ method: "GET", url: `${base}/forensics/${resultsSet.id}`, cookies: analyst })
      ).json() as Json;
      const ip = report.integerPercentages;
      expect(Math.abs(ip.excess - 1003)).toBeLessThanOrEqual(5);
      expect(ip.included).toBe(86_718);
      console.log(
        `2011 upload: ${resultsSet.stationCount} stations, excess ${ip.excess.toFixed(1)}, z ${ip.z.toFixed(2)}; ` +
          `request ${Math.round(ms)} ms, /health answered at ${Math.round(healthAt)} ms (parse ${milliseconds.parse}, forensics ${milliseconds.forensics}, encode ${milliseconds.encode})`,
      );
    }, 120_000);
  }
});
