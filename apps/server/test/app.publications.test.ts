import { createHash } from "node:crypto";
import { auditRows, decodeLogEntry } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { recomputePackage } from "../src/publication/recompute.ts";
import {
  MARKERS,
  type PublishingMission,
  publish,
  seedPublishingMissions,
  uploadOfficialResults,
} from "./publication-fixture.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describeOnEachBackend("API: publications (immutable snapshots in the log)", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let missions: PublishingMission[];
  let alpha: PublishingMission;
  let published: { id: string; contentHash: string; logIndex: number };

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    missions = await seedPublishingMissions(store, app);
    alpha = missions[0] as PublishingMission;
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses an indicator that reads free text, naming it and the question", async () => {
    const saved = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${alpha.id}/analysis/indicators/has-comments`,
      cookies: alpha.coordinator,
      payload: {
        kind: "share",
        name: { en: "Comment written" },
        unit: "visit",
        formKind: "voting",
        condition: "${comments} != ''",
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const refused = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${alpha.id}/publications`,
      cookies: alpha.coordinator,
      payload: {},
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("personal_data");
    expect(refused.json().error.message).toContain("has-comments");
    expect(refused.json().error.message).toContain("comments");
    expect((await store.publications.list()).length).toBe(0);
    const retired = await app.inject({
      method: "DELETE",
      url: `/api/v1/missions/${alpha.id}/analysis/indicators/has-comments`,
      cookies: alpha.coordinator,
    });
    expect(retired.statusCode).toBe(200);
  });

  it("lets only the mission's coordinator publish", async () => {
    for (const [who, cookies] of [
      ["analyst", await signIn(app, "analyst")],
      ["observer", alpha.observer],
      ["other mission", (missions[1] as PublishingMission).coordinator],
    ] as const) {
      const response = await app.inject({
        method: "POST",
        url: `/api/v1/missions/${alpha.id}/publications`,
        cookies,
        payload: {},
      });
      expect([403, 404], who).toContain(response.statusCode);
    }
    const anonymous = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${alpha.id}/publications`,
      payload: {},
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("previews what publishing would publish, storing nothing", async () => {
    const logBefore = (await store.log.head()).size;
    const response = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${alpha.id}/publications/preview`,
      cookies: alpha.coordinator,
      payload: { title: "Draft statement" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({
      title: "Draft statement",
      licence: "CC-BY-4.0",
      mission: { id: alpha.id, code: "alpha-watch" },
      design: "convenience",
      reports: { accepted: 24 },
    });
    const unsealed = preview.indicators.find((i: { code: string }) => i.code === "box-unsealed");
    expect([unsealed.overall.numerator, unsealed.overall.denominator]).toEqual([8, 24]);
    expect(unsealed.overall.ci_lower).toBeLessThan(unsealed.overall.value);
    expect(preview.questions.published).toEqual(["ballot_box_sealed", "voters_counted"]);
    expect(preview.questions.withheld).toEqual(expect.arrayContaining(["comments", "seal_problem"]));
    expect(preview.files.find((f: { name: string }) => f.name === "reports.csv").rows).toBe(24);
    expect(preview.removed.join(" ")).toContain("names, phone numbers");
    expect(JSON.stringify(preview)).not.toContain(MARKERS.observerName);
    expect((await store.publications.list()).length).toBe(0);
    expect((await store.log.head()).size).toBe(logBefore);
    const observer = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${alpha.id}/publications/preview`,
      cookies: alpha.observer,
      payload: {},
    });
    expect(observer.statusCode).toBe(403);
  });

  it("publishes a snapshot whose log entry records the hash of its datapackage.json", async () => {
    published = await publish(app, alpha, "Alpha preliminary statement");
    const files = await store.publications.files(published.id);
    const descriptor = files.find((f) => f.name === "datapackage.json");
    if (descriptor === undefined) throw new Error("no descriptor");
    expect(sha256(descriptor.bytes)).toBe(published.contentHash);
    const [entry] = await store.log.entries(published.logIndex, published.logIndex + 1);
    expect(decodeLogEntry(entry?.body ?? "")?.entry).toEqual({
      kind: "publication",
      id: published.id,
      mission: alpha.id,
      contentHash: published.contentHash,
    });
    expect(files.map((f) => f.name).sort()).toEqual(
      [
        "areas.csv",
        "datapackage.json",
        "estimates.csv",
        "incidents.csv",
        "indicators.json",
        "methods.md",
        "phases.csv",
        "plan.csv",
        "reports.csv",
        "stations.csv",
        "strata.csv",
      ].sort(),
    );
    const everything = files.map((f) => new TextDecoder().decode(f.bytes)).join("\n");
    for (const marker of [
      MARKERS.observerName,
      MARKERS.observerPhone.slice(0, 10),
      MARKERS.accessCodeUser,
      MARKERS.freeText,
      MARKERS.sealText,
    ])
      expect(everything).not.toContain(marker);
  });

  it("serves figures equal to the dashboard's, and files that recompute exactly", async () => {
    const snapshot = (await app.inject({ url: `/api/v1/public/publications/${published.id}` })).json();
    const dashboard = (
      await app.inject({ url: `/api/v1/missions/${alpha.id}/analysis/estimates`, cookies: alpha.coordinator })
    ).json();
    for (const code of ["box-unsealed", "voters-mean"]) {
      const mine = snapshot.indicators.find((i: { code: string }) => i.code === code);
      const theirs = dashboard.indicators.find((i: { code: string }) => i.code === code);
      expect(mine.overall.denominator).toBe(theirs.overall.estimate.denominator);
      expect(mine.overall.numerator).toBe(theirs.overall.estimate.numerator);
      expect(mine.overall.value).toBeCloseTo(theirs.overall.estimate.value, 12);
      expect(mine.overall.ci_lower).toBeCloseTo(theirs.overall.estimate.ci.lower, 12);
      expect(mine.overall.ci_upper).toBeCloseTo(theirs.overall.estimate.ci.upper, 12);
      expect(mine.byArea.length).toBe(theirs.byArea.cells.length);
    }
    // 24 reports, every third unsealed: 8 of 24.
    const unsealed = snapshot.indicators.find((i: { code: string }) => i.code === "box-unsealed");
    expect([unsealed.overall.numerator, unsealed.overall.denominator]).toEqual([8, 24]);
    const zip = await app.inject({ url: `/api/v1/public/publications/${published.id}/datapackage.zip` });
    expect(zip.statusCode).toBe(200);
    const unzipped = unzipSync(new Uint8Array(zip.rawPayload));
    const files = new Map(
      Object.entries(unzipped).map(([path, bytes]) => [path.slice(path.indexOf("/") + 1), bytes]),
    );
    const report = recomputePackage(files);
    if (!report.ok) throw new Error(report.error);
    expect(report.value.mismatches).toEqual([]);
    expect(report.value.hashProblems).toEqual([]);
    expect(report.value.compared).toBeGreaterThan(40);
    const csv = await app.inject({ url: `/api/v1/public/publications/${published.id}/files/estimates.csv` });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.rawPayload.equals(Buffer.from(files.get("estimates.csv") ?? new Uint8Array()))).toBe(true);
  });

  it("publishes the forensics of official results with their data, served to anyone and recomputed exactly", async () => {
    const setId = await uploadOfficialResults(app, alpha);
    const before = (await store.publications.list()).length;
    const refusals = [
      [
        { source: "official", contest: "no-such-contest" },
        'forensics[0]: no official results of contest "no-such-contest"',
      ],
      [{ source: "00000000-0000-4000-8000-00000000abcd" }, "forensics[0].source: no results set"],
      [{ source: setId, level: "fylke" }, ""],
      [{ source: setId, level: "county" }, 'forensics[1].level: no area level "county"'],
      [{ source: setId, contest: "X" }, "forensics[1].contest applies to the official results only"],
    ] as const;
    for (const [request, message] of refusals) {
      if (message === "") continue;
      const body = message.startsWith("forensics[1]")
        ? { forensics: [{ source: setId }, request] }
        : { forensics: [request] };
      const refused = await app.inject({
        method: "POST",
        url: `/api/v1/missions/${alpha.id}/publications`,
        cookies: alpha.coordinator,
        payload: body,
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.message).toContain(message);
    }
    const badBody = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${alpha.id}/publications`,
      cookies: alpha.coordinator,
      payload: { forensics: [{ source: "somewhere" }] },
    });
    expect(badBody.statusCode).toBe(400);
    expect((await store.publications.list()).length).toBe(before);

    const withForensics = await publish(app, alpha, "Alpha statement with forensics", [
      // A few seeded replicates: enough to publish intervals and recompute them exactly.
      { source: setId, level: "kommune", replicates: 3 },
    ]);
    const snapshot = (await app.inject({ url: `/api/v1/public/publications/${withForensics.id}` })).json();
    expect(snapshot.forensics).toHaveLength(1);
    const [f] = snapshot.forensics;
    expect(f.source).toMatchObject({ kind: "results-set", name: "Valgresultat (endelig)", contest: null });
    expect(f.stations).toBe(160);
    expect(f.exclusions).toMatchObject({ rows: 161, excluded: 1 });
    expect(f.exclusions.reading).toContain("1 of 161 rows");
    expect(f.integerPercentages.observed).toBeGreaterThanOrEqual(20);
    expect(f.integerPercentages.reading).toMatch(/report a whole-number turnout or leader percentage/);
    expect(f.fingerprint.fi.interval[0]).toBeLessThanOrEqual(f.fingerprint.fi.interval[1]);
    expect(f.breakdown.level).toBe("kommune");
    expect(f.histograms.turnout).toHaveLength(1001);
    expect(f.files).toEqual([
      "forensics-1-stations.csv",
      "forensics-1-areas.csv",
      "forensics-1-inputs.json",
      "forensics-1.json",
    ]);
    // The uploaded set's report is the forensics service's; the published one is computed by the
    // same service from the package's own files, and agrees with it on the published figures.
    const served = (
      await app.inject({
        url: `/api/v1/elections/${ids.election}/forensics/${setId}?level=kommune`,
        cookies: alpha.coordinator,
      })
    ).json();
    expect(f.integerPercentages.observed).toBe(served.integerPercentages.observed);
    expect(f.fingerprint.fi.estimate).toBe(served.fingerprint.fit.fi.estimate);
    // Intervals differ by design: the publication's come from its own seeded replicates (recomputed
    // below), the served report's from the server's background refits once they finish.
    expect(f.fingerprint.fi.interval.every(Number.isFinite)).toBe(true);

    const zip = await app.inject({ url: `/api/v1/public/publications/${withForensics.id}/datapackage.zip` });
    const unzipped = unzipSync(new Uint8Array(zip.rawPayload));
    const files = new Map(
      Object.entries(unzipped).map(([path, bytes]) => [path.slice(path.indexOf("/") + 1), bytes]),
    );
    const recomputed = recomputePackage(files);
    if (!recomputed.ok) throw new Error(recomputed.error);
    expect(recomputed.value.mismatches).toEqual([]);
    expect(recomputed.value.hashProblems).toEqual([]);
    expect(recomputed.value.compared).toBeGreaterThan(2000);
    const clean = await store.logAudit.snapshot();
    expect(auditRows(clean.entries, clean.rows)).toEqual([]);
  });

  it("keeps a publication immutable and the audit finds a file edited behind the trigger", async () => {
    const refusal = (statement: ReturnType<typeof sql>) =>
      store.db.execute(statement).then(
        () => "done",
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(
      await refusal(sql`update publications set title = 'rewritten' where id = ${published.id}`),
    ).toMatch(/publications are immutable/);
    expect(await refusal(sql`delete from publication_files where publication_id = ${published.id}`)).toMatch(
      /publications are immutable/,
    );
    const clean = await store.logAudit.snapshot();
    expect(auditRows(clean.entries, clean.rows)).toEqual([]);
    await store.db.execute(sql`alter table publication_files disable trigger publication_files_immutable`);
    await store.db.execute(sql`update publication_files set bytes = convert_to(replace(convert_from(bytes, 'UTF8'), 'visit', 'station'), 'UTF8')
      where publication_id = ${published.id} and name = 'estimates.csv'`);
    await store.db.execute(sql`alter table publication_files enable trigger publication_files_immutable`);
    const tampered = await store.logAudit.snapshot();
    const [first] = auditRows(tampered.entries, tampered.rows);
    expect(first?.entry).toBe(published.logIndex);
    expect(first?.subject).toBe(`publication ${published.id}`);
    expect(first?.message).toContain("estimates.csv");
  });
});
