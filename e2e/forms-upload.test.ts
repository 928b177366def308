/**
 * Browser test of publishing a form: a coordinator uploads an XLSForm workbook, sees each of its
 * warnings (one says the stored form will not run the workbook's trigger) before anything is
 * stored, must accept that one, publishes, and finds the form listed and previewable. Then a
 * workbook whose choices come from a CSV: refused until the CSV is chosen beside it, published
 * with it, and the form's preview offers the CSV's rows as choices.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { writeXlsx } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids, seedSubmissionFixtures } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { englishRun, englishWords } from "./support/page-checks.ts";
import { openPage, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: a coordinator uploads a form and sees its warnings";

/** A queue checklist with a metadata row, a default answer and a trigger: three warnings. */
const workbook = writeXlsx([
  {
    name: "survey",
    rows: [
      ["type", "name", "label", "relevant", "trigger", "default"],
      ["start", "started", "", "", "", ""],
      ["select_one yn", "queue", "Was there a queue outside?", "", "", "no"],
      ["integer", "queue_length", "How many people were waiting?", "${queue} = 'yes'", "", ""],
      ["calculate", "checked_at", "", "", "${queue}", ""],
    ],
  },
  {
    name: "choices",
    rows: [
      ["list_name", "name", "label"],
      ["yn", "yes", "Yes"],
      ["yn", "no", "No"],
    ],
  },
  {
    name: "settings",
    rows: [
      ["form_title", "form_id", "form_kind"],
      ["Queue check", "queue-check", "voting"],
    ],
  },
]);

/** A checklist whose centre comes from a CSV uploaded beside it (select_one_from_file). */
const CENTRES =
  "name,label,district\nrl,Riverside Library,east\nom,Old Mill Hall,east\nhc,Hilltop Clinic,west\n";
const centreWorkbook = writeXlsx([
  {
    name: "survey",
    rows: [
      ["type", "name", "label"],
      ["select_one_from_file polling_centres.csv", "centre", "Which polling centre?"],
      ["integer", "queue", "People queuing"],
    ],
  },
  {
    name: "settings",
    rows: [
      ["form_title", "form_id", "form_kind"],
      ["Centre check", "centre-check", "voting"],
    ],
  },
]);

/**
 * A workbook the importer refuses: an unsupported type, a reference to nothing, an unclosed group,
 * a wrong kind (and, as a warning, no form_id).
 */
const brokenWorkbook = writeXlsx([
  {
    name: "survey",
    rows: [
      ["type", "name", "label", "relevant"],
      ["rank", "order", "Order the parties", ""],
      ["integer", "voters", "Voters", "${nobody} > 0"],
      ["begin group", "station_group", "Station", ""],
      ["text", "remarks", "Remarks", ""],
    ],
  },
  { name: "settings", rows: [["form_kind"], ["party"]] },
]);

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let store: Store;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(seedSubmissionFixtures);
      ({ store, baseUrl } = app);
      ({ context, page } = await openPage(app.browser, problems, { width: 1280, height: 900 }));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    it("shows every warning before publishing, and publishes once the dropped logic is accepted", async () => {
      const before = await store.forms.listForElection(ids.election);
      await signInThroughPage(page, baseUrl, `/elections/${ids.election}/forms`, "coordinator");
      await page.getByRole("heading", { level: 1, name: "Forms" }).waitFor();
      await page.getByLabel("XLSForm workbook (.xlsx)").setInputFiles({
        name: "queue-check.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(workbook),
      });
      await page.getByText("Read: “Queue check”, a Voting form.").waitFor();
      const warnings = page.getByRole("region", { name: "Warnings" });
      await warnings.getByText("Warnings to read before publishing: 3.").waitFor();
      const items = await warnings.locator("li").allTextContents();
      expect(items).toHaveLength(3);
      expect(items[0]).toBe(
        "survey, row 2, column A: Metadata “start” is not collected: Scrutiny records the submission time and device itself.",
      );
      expect(items[1]).toContain("“default”: default answers are kept for export but not filled in");
      expect(items[2]).toContain(
        "triggers (recalculation on change) are kept for export but not run (rows: 1)",
      );
      expect(items[2]).toContain("The stored form will not enforce this.");
      // The questions as they will be stored, skip logic included.
      await page.getByText("${queue} = 'yes'").waitFor();
      const publish = page.getByRole("button", { name: "Publish" });
      expect(await publish.isDisabled()).toBe(true);
      expect((await store.forms.listForElection(ids.election)).length).toBe(before.length);
      await page.screenshot({
        path: join(screenshotDir, "desktop-forms-upload-warnings.png"),
        fullPage: true,
      });

      await page.getByLabel(/I have read the warnings/).check();
      await publish.click();
      await page.getByText("Published as a new form, version 1.").waitFor();
      await page.getByRole("link", { name: "Queue check" }).waitFor();
      const after = await store.forms.listForElection(ids.election);
      expect(after.length).toBe(before.length + 1);
      await page.getByRole("link", { name: "Open it" }).click();
      await page.getByRole("heading", { level: 1, name: "Queue check" }).waitFor();
      expect(problems).toEqual([]);
    }, 300_000);

    it("publishes a workbook with the CSV its choices come from, and the form offers the CSV's rows", async () => {
      const before = await store.forms.listForElection(ids.election);
      await page.goto(`${baseUrl}/elections/${ids.election}/forms`);
      await page.getByRole("heading", { level: 1, name: "Forms" }).waitFor();
      await page.getByLabel("XLSForm workbook (.xlsx)").setInputFiles({
        name: "centre-check.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(centreWorkbook),
      });
      // Without its CSV the workbook cannot be published, and the page says which file is missing.
      const refused = page.getByRole("alert");
      await refused.getByText("The workbook cannot be published. Problems: 1.").waitFor();
      await refused
        .getByText(
          "The choices file “polling_centres.csv” was not uploaded beside the form: upload it with the workbook.",
        )
        .waitFor();
      expect(await page.getByRole("button", { name: "Publish" }).count()).toBe(0);

      await page.getByLabel("Files the workbook uses (CSV, XML, GeoJSON, label media)").setInputFiles({
        name: "polling_centres.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(CENTRES),
      });
      await page.getByText("Read: “Centre check”, a Voting form.").waitFor();
      await page.getByText("3 choices from polling_centres.csv").waitFor();
      await page.locator("[data-kept-files]").getByText("polling_centres.csv").waitFor();
      await page.screenshot({ path: join(screenshotDir, "desktop-forms-upload-csv.png"), fullPage: true });
      await page.getByRole("button", { name: "Publish" }).click();
      await page.getByText("Published as a new form, version 1.").waitFor();

      const after = await store.forms.listForElection(ids.election);
      const published = after.find((f) => !before.some((b) => b.formId === f.formId));
      const sha256 = createHash("sha256").update(CENTRES).digest("hex");
      expect(published?.definition.mediaFiles).toEqual({
        "polling_centres.csv": { sha256, size: Buffer.byteLength(CENTRES), contentType: "text/csv" },
      });
      expect(Buffer.from((await store.forms.file(sha256))?.bytes ?? []).toString("utf8")).toBe(CENTRES);

      // The form's preview (the observers' renderer) offers the CSV's rows as the choices.
      await page.getByRole("link", { name: "Open it" }).click();
      await page.getByRole("heading", { level: 1, name: "Centre check" }).waitFor();
      for (const label of ["Riverside Library", "Old Mill Hall", "Hilltop Clinic"])
        await page.getByText(label, { exact: true }).first().waitFor();
      // The file is downloadable from the form as it was uploaded.
      const link = page.getByRole("link", { name: "Download polling_centres.csv" });
      const served = await page.request.get(`${baseUrl}${await link.getAttribute("href")}`);
      expect(served.status()).toBe(200);
      expect(await served.text()).toBe(CENTRES);
      await page.screenshot({
        path: join(screenshotDir, "desktop-form-preview-csv-choices.png"),
        fullPage: true,
      });
      expect(problems).toEqual([]);
    }, 300_000);

    it("says a workbook's problems and warnings in Russian, each at its sheet, row and column", async () => {
      await page.goto(`${baseUrl}/elections/${ids.election}/forms`);
      await page.getByRole("heading", { level: 1, name: "Forms" }).waitFor();
      await page.getByRole("button", { name: "Русский" }).click();
      await page.getByRole("heading", { level: 1, name: "Формы" }).waitFor();
      const input = page.getByLabel("Книга XLSForm (.xlsx)");
      await input.setInputFiles({
        name: "broken.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(brokenWorkbook),
      });
      const refused = page.getByRole("alert");
      await refused.getByText("Книгу нельзя опубликовать. Проблем: 5.").waitFor();
      expect(await refused.locator("li").allTextContents()).toEqual([
        "survey, строка 2, столбец A: Тип вопроса «rank» не поддерживается.",
        "survey, строка 3, столбец D: «nobody» (в позиции 0) — не вопрос этой формы.",
        "survey, строка 4, столбец A: Группа «station_group» нигде не закрыта.",
        "settings, строка 2: На листе settings нет form_id; используется «imported_form».",
        "settings, строка 2, столбец A: form_kind «party» не входит в число допустимых: opening (открытие), voting (голосование), counting (подсчёт), tabulation (сведение итогов), incident (инцидент).",
      ]);
      await expect(englishWords(page)).resolves.toEqual([]);
      await refused.screenshot({ path: join(screenshotDir, "desktop-forms-upload-problems-ru.png") });

      // A workbook that can be published: its warnings in Russian, the one dropping logic marked.
      await input.setInputFiles({
        name: "queue-check.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(workbook),
      });
      const warnings = page.getByRole("region", { name: "Предупреждения" });
      await warnings.getByText("Предупреждения, которые нужно прочесть до публикации: 3.").waitFor();
      const said = await warnings.locator("li").allTextContents();
      expect(said).toEqual([
        "survey, строка 2, столбец A: Метаданные «start» не собираются: время отправки и устройство Scrutiny записывает сам.",
        "survey, строка 3, столбец F: «default»: ответы по умолчанию сохраняются для экспорта, но Scrutiny их не подставляет (строк: 1).",
        "survey, строка 5, столбец E: «trigger»: триггеры (пересчёт при изменении ответа) сохраняются для экспорта, но не выполняются (строк: 1). Сохранённая форма не будет это проверять.",
      ]);
      // The warnings are all Russian (the form's own questions, in the preview, are in English).
      expect(said.map((text) => englishRun(text))).toEqual([null, null, null]);
      await page.screenshot({
        path: join(screenshotDir, "desktop-forms-upload-warnings-ru.png"),
        fullPage: true,
      });
      await page.getByRole("button", { name: "English" }).click();
      expect(problems).toEqual([]);
    }, 300_000);
  });
}
