// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
/**
 * API and browser test of a form with the shapes missions' own forms have: a coordinator uploads an
 * XLSForm with a repeat (one entry per incident), a cascading select, a calculation and a photo
 * question, and publishes it; an observer files a report through the API with two incidents and a
 * photo; the coordinator opens the report and sees both incidents and the photo, and the receipt's
 * content hash is the hash of content that names the photo by its SHA-256.
 */
import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";
import { canonicalJson, safeParseSubmissionEnvelope, writeXlsx } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids, seedSubmissionFixtures, signIn } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: a report with two incidents and a photo, from an uploaded XLSForm";

/** A real 4x3 PNG (so the browser can draw it and its width can be checked). */
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAKklEQVR4nA3HQQ0AAAjEsMk5EYhADsIQMVmQ9FMEKRlZzCsz5tOv7LH3ABg2D3ncrDu5AAAAAElFTkSuQmCC",
  "base64",
);
const PHOTO_SHA = createHash("sha256").update(PHOTO).digest("hex");

const workbook = writeXlsx([
  {
    name: "survey",
    rows: [
      ["type", "name", "label", "choice_filter", "calculation", "required"],
      ["select_one province", "province", "Province", "", "", "yes"],
      ["select_one ward", "ward", "Ward", "province = ${province}", "", "yes"],
      ["begin repeat", "incident", "Incident", "", "", ""],
      ["select_one category", "category", "What happened?", "", "", "yes"],
      ["image", "scene", "Photo of the scene", "", "", ""],
      ["end repeat", "", "", "", "", ""],
      ["calculate", "incident_total", "", "", "count(${incident})", ""],
    ],
  },
  {
    name: "choices",
    rows: [
      ["list_name", "name", "label", "province"],
      ["province", "lakes", "Lakes"],
      ["province", "hills", "Hills"],
      ["ward", "w11", "Ward 11", "lakes"],
      ["ward", "w12", "Ward 12", "lakes"],
      ["ward", "w21", "Ward 21", "hills"],
      ["category", "blocked", "Observer turned away"],
      ["category", "posters", "Campaign posters inside"],
    ],
  },
  {
    name: "settings",
    rows: [
      ["form_title", "form_id", "form_kind"],
      ["Ward incidents", "ward-incidents", "incident"],
    ],
  },
]);

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let store: Store;
    let app: RunningApp | undefined;
    let server: FastifyInstance | undefined;
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    const problems: string[] = [];
    let formId = "";
    let reportId = "";

    beforeAll(async () => {
      app = await startApp(seedSubmissionFixtures);
      ({ store, server, baseUrl, browser } = app);
      ({ context, page } = await openPage(browser, problems, { width: 1280, height: 900 }));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    it("the coordinator uploads the workbook and publishes it", async () => {
      const before = new Set((await store.forms.listForElection(ids.election)).map((f) => f.formId));
      await signInThroughPage(page, baseUrl, `/elections/${ids.election}/forms`, "coordinator");
      await page.getByRole("heading", { level: 1, name: "Forms" }).waitFor();
      await page.getByLabel("XLSForm workbook (.xlsx)").setInputFiles({
        name: "ward-incidents.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(workbook),
      });
      await page.getByText(/^Read: “Ward incidents”/).waitFor();
      await page.getByText("What happened?").first().waitFor();
      await page.getByRole("button", { name: "Publish" }).click();
      await page.getByText("Published as a new form, version 1.").waitFor();
      const forms = await store.forms.listForElection(ids.election);
      const published = forms.find((f) => !before.has(f.formId));
      expect(published).toMatchObject({ kind: "incident", version: 1 });
      formId = published?.formId ?? "";
    }, 120_000);

    it("an observer files a report with two incidents and a photo; the receipt's hash covers the photo", async () => {
      if (server === undefined) throw new Error("no server");
      const observer = await signIn(server, "observer");
      const uploaded = await server.inject({
        method: "POST",
        url: "/api/v1/attachments",
        cookies: observer,
        headers: { "content-type": "image/png" },
        payload: PHOTO,
      });
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      expect(uploaded.json().attachment).toEqual({
        sha256: PHOTO_SHA,
        size: PHOTO.length,
        contentType: "image/png",
      });

      reportId = randomUUID();
      const body = {
        id: reportId,
        formId,
        formVersion: 1,
        stationId: ids.station1,
        phaseCode: "election-day",
        submittedAt: "2026-11-01T11:20:00+02:00",
        answers: {
          province: "lakes",
          ward: "w12",
          incident: [{ category: "blocked", scene: PHOTO_SHA }, { category: "posters" }],
        },
      };
      const filed = await server.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: body,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const { receipt } = filed.json();
      expect(receipt.attachments).toEqual([PHOTO_SHA]);

      const stored = await store.submissions.get(reportId);
      expect(stored?.answers).toEqual({ ...body.answers, incident_total: 2 });
      // The content hash is over content naming the photo by its SHA-256: another photo, another hash.
      const envelope = safeParseSubmissionEnvelope(body);
      if (!envelope.ok || stored === undefined) throw new Error("unexpected");
      const hashOf = (answers: unknown) =>
        createHash("sha256")
          .update(
            canonicalJson({
              answers,
              formId,
              formVersion: 1,
              observerId: stored.observerId,
              phaseCode: "election-day",
              stationId: ids.station1,
              submittedAt: new Date(body.submittedAt).toISOString(),
              teamId: null,
              visitId: null,
            }),
          )
          .digest("hex");
      expect(receipt.contentHash).toBe(hashOf(envelope.value.answers));
      expect(receipt.contentHash).toBe(stored.contentHash);
      const otherPhoto = {
        ...body.answers,
        incident: [{ category: "blocked", scene: "e".repeat(64) }, { category: "posters" }],
      };
      expect(hashOf(otherPhoto)).not.toBe(receipt.contentHash);
    }, 60_000);

    it("the coordinator sees both incidents and the photo in the submission view", async () => {
      await page.goto(`${baseUrl}/elections/${ids.election}/submissions/${reportId}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      const instances = page.locator("[data-repeat-instance]");
      await instances.nth(1).waitFor();
      await expect(instances.count()).resolves.toBe(2);
      await expect(instances.nth(0).textContent()).resolves.toMatch(
        /Incident 1.*What happened\?.*Observer turned away/s,
      );
      await expect(instances.nth(1).textContent()).resolves.toMatch(/Incident 2.*Campaign posters inside/s);
      await expect(page.getByText("Ward 12").count()).resolves.toBe(1);
      const photo = instances.nth(0).locator(`[data-attachment="${PHOTO_SHA}"] img`);
      await photo.waitFor();
      await expect
        .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          timeout: 10_000,
        })
        .toBe(4);
      // What the page shows is the photo the receipt covers, byte for byte.
      const src = await photo.getAttribute("src");
      const served = await page.request.get(`${baseUrl}${src}`);
      expect(served.status()).toBe(200);
      expect(
        createHash("sha256")
          .update(await served.body())
          .digest("hex"),
      ).toBe(PHOTO_SHA);
      await expect(instances.nth(1).locator("[data-attachment]").count()).resolves.toBe(0);
      await page.screenshot({
        path: join(screenshotDir, "desktop-submission-repeat-photo.png"),
        fullPage: true,
      });
      expect(problems).toEqual([]);
    }, 60_000);
  });
}
