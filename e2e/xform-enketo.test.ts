/**
 * The XForms Scrutiny serves to ODK Collect, read by an independent XForm consumer: Enketo's
 * transformer (enketo-transformer, the XSLT that turns ODK XForms into Enketo's web forms), run in
 * Chromium with the browser's own XSLT engine. Every built-in template must transform, and every
 * question, skip condition and constraint must come through under the path we gave it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  type FormDefinition,
  type FormItem,
  formTemplates,
  formToXForm,
  isQuestion,
  STOP_FIELD,
} from "@scrutiny/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable, launchChromium } from "../test-support/chromium.ts";
import { countCentreForm } from "../test-support/forms/count-centre.ts";
import { requirementMissing } from "../test-support/requirement.ts";

const TITLE = "XForms of the built-in templates through enketo-transformer";

/** enketo-transformer's browser build, with its ES exports turned into one global. */
function transformerScript(): string {
  const entry = createRequire(join(process.cwd(), "apps/server/package.json")).resolve("enketo-transformer");
  const web = join(dirname(entry), "web/transformer.js");
  const source = readFileSync(web, "utf8");
  const exports = /export\s*\{[^}]*\};?\s*(\/\/# sourceMappingURL=\S*)?\s*$/;
  if (!exports.test(source)) throw new Error(`unexpected shape of ${web}`);
  return source.replace(exports, "globalThis.enketoTransform = transform;\n");
}

function paths(items: readonly FormItem[], base = "/data"): { path: string; item: FormItem }[] {
  return items.flatMap((item) => [
    { path: `${base}/${item.name}`, item },
    ...(item.type === "group" ? paths(item.items, `${base}/${item.name}`) : []),
  ]);
}

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let browser: Browser | undefined;
    let page: Page;

    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage();
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.addScriptTag({ content: transformerScript(), type: "module" });
      await page.waitForFunction(() => "enketoTransform" in globalThis);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    const transform = (xform: string) =>
      page.evaluate(async (xml) => {
        const run = (
          globalThis as unknown as {
            enketoTransform: (s: {
              xform: string;
            }) => Promise<{ form: string; model: string; languageMap: Record<string, string> }>;
          }
        ).enketoTransform;
        try {
          return { ok: true as const, ...(await run({ xform: xml })) };
        } catch (error) {
          return { ok: false as const, error: String(error) };
        }
      }, xform);

    it.each(formTemplates.map((form: FormDefinition) => [form.kind, form] as const))(
      "the %s template transforms, with every question, condition and constraint in place",
      async (_kind, form) => {
        const xform = formToXForm(form, {
          formId: `template-${form.kind}`,
          stops: { label: { en: "Stop" }, choices: [{ value: "visit-1", label: "PS-1 School" }] },
        });
        const result = await transform(xform);
        if (!result.ok) throw new Error(result.error);
        expect(result.form).toMatch(/^<form /);
        expect(result.model).toMatch(
          new RegExp(`<data [^>]*id="template-${form.kind}" version="${form.version}"`),
        );
        expect(result.form).toContain(`name="/data/${STOP_FIELD}"`);
        for (const { path, item } of paths(form.items)) {
          if (item.type === "group") {
            expect(result.form, path).toContain(`name="${path}"`);
            continue;
          }
          expect(result.form, path).toContain(`name="${path}"`);
          if (item.relevant !== undefined)
            expect(result.form, `${path} relevant`).toMatch(new RegExp(`name="${path}"[^>]*data-relevant="`));
          if (isQuestion(item) && item.constraint !== undefined)
            expect(result.form, `${path} constraint`).toMatch(
              new RegExp(`name="${path}"[^>]*data-constraint="`),
            );
          if (isQuestion(item) && item.required === true)
            expect(result.form, `${path} required`).toMatch(
              new RegExp(`name="${path}"[^>]*data-required="true\\(\\)"`),
            );
        }
        for (const language of form.languages) expect(result.form).toContain(`lang="${language}"`);
      },
      30_000,
    );

    it("a form with repeats, a repeat_count, a cascading select, or_other, a range and a trigger transforms", async () => {
      const parsed = countCentreForm("count-centre");
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
      const result = await transform(formToXForm(parsed.value));
      if (!result.ok) throw new Error(result.error);
      // Enketo's repeat markup, with the count taken from the answer.
      expect(result.form).toMatch(/<section class="or-repeat "[^>]*name="\/data\/incident"/);
      expect(result.form).toMatch(
        /class="or-repeat-info"[^>]*data-name="\/data\/box"[^>]*data-repeat-count="\/data\/boxes"/,
      );
      expect(result.form).toContain('name="/data/incident/incident_text"');
      // The cascading select becomes an itemset over the list's secondary instance.
      expect(result.form).toMatch(/data-items-path="instance\('list_district'\)\/root\/item\[/);
      expect(result.model).toContain('<instance id="list_district">');
      expect(result.form).toContain('name="/data/delay_cause_other"');
      // A range becomes a number input with its bounds and step (Enketo draws the slider).
      expect(result.form).toMatch(/name="\/data\/calm"[^>]*min="0" max="10" step="1"/);
      expect(result.form).toContain('name="/data/sealed_seen"');
    }, 30_000);
  });
}
