import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeXlsx } from "../../../packages/domain/src/xlsform/xlsx.ts";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

const MiB = 1024 * 1024;
const limits = { maxExpandedBytes: 4 * MiB, maxRows: 1000 };

/** A CSV of `rows` data rows of ~`width` bytes each, compressing to almost nothing. */
function csv(rows: number, width = 40): string {
  const line = `${"7".repeat(width)},x`;
  return `code,name\n${Array.from({ length: rows }, () => line).join("\n")}\n`;
}

describeOnEachBackend("upload limits: decompressed size and rows, configurable", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let analyst: Record<string, string>;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store, uploadLimits: limits });
    analyst = await signIn(app, "analyst");
    coordinator = await signIn(app, "coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  const uploadResults = (body: Uint8Array, fileName: string) =>
    app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/results-sets?preset=ru-cec&fileName=${fileName}`,
      cookies: analyst,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from(body),
    });
  const uploadStations = (body: Uint8Array) =>
    app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations/uploads?fileName=stations`,
      cookies: coordinator,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from(body),
    });

  it("refuses a zip that expands beyond the limit (413) before inflating it, storing nothing", async () => {
    // 17 MiB of CSV in a zip of a few KiB: four times the configured limit.
    const bomb = zipSync({ "results.csv": strToU8(csv(16 * 26_000, 40)) }, { level: 9 });
    expect(bomb.length).toBeLessThan(MiB);
    const response = await uploadResults(bomb, "results.zip");
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().error.details.issues[0]).toMatchObject({ code: "too_large" });
    expect(response.json().error.message).toMatch(/expands to more than 4 MiB/);
    expect(await store.resultsSets.list(ids.election)).toEqual([]);
  });

  it("refuses an xlsx workbook that expands beyond the limit (413)", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [`S-${i}`, "7".repeat(60), "x"]);
    const workbook = writeXlsx([{ name: "Stations", rows: [["code", "name", "region"], ...rows] }]);
    for (const response of [await uploadStations(workbook), await uploadResults(workbook, "results.xlsx")]) {
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json().error.details.issues[0]).toMatchObject({ code: "too_large" });
    }
  });

  it("refuses a table with more rows than the cap (422) naming both numbers", async () => {
    for (const response of [
      await uploadStations(strToU8(csv(1001))),
      await uploadResults(strToU8(csv(1001)), "results.csv"),
      await uploadResults(zipSync({ "results.csv": strToU8(csv(1001)) }), "results.zip"),
    ]) {
      expect(response.statusCode, response.body).toBe(422);
      const issue: Json = response.json().error.details.issues[0];
      expect(issue).toMatchObject({ code: "too_many_rows" });
      expect(issue.message).toContain("1,001 rows, more than the limit of 1,000");
    }
    const withinCap = await uploadStations(strToU8(csv(1000)));
    expect(withinCap.statusCode, withinCap.body).toBe(201);
  });
});
