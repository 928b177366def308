import { describe, expect, it } from "vitest";
import {
  choiceLabel,
  type ExportedSubmission,
  type FormDefinition,
  REPEAT_COLUMN_LABELS,
  SUBMISSION_COLUMN_LABELS,
  safeParseFormDefinition,
  submissionsTables,
} from "../../src/index.ts";

// A form unlike the demo's: a market-day survey with a repeat of stalls, each with a repeat of
// complaints, inside a group.
const parsed = safeParseFormDefinition({
  id: "7f1f0a52-9a1e-4c1b-9f55-2b0c3c7a1e01",
  version: 1,
  kind: "incident",
  title: { en: "Market survey", ru: "Опрос на рынке" },
  languages: ["en", "ru"],
  defaultLanguage: "en",
  choiceLists: { mood: [{ name: "calm", label: { en: "Calm", ru: "Спокойно" } }] },
  checks: [],
  items: [
    { type: "select_one", name: "mood", listName: "mood", label: { en: "Mood", ru: "Настроение" } },
    {
      type: "group",
      name: "stalls_block",
      items: [
        {
          type: "repeat",
          name: "stall",
          label: { en: "Stall", ru: "Прилавок" },
          items: [
            { type: "text", name: "seller", label: { en: "Seller" } },
            {
              type: "repeat",
              name: "complaint",
              label: { en: "Complaint" },
              items: [{ type: "integer", name: "severity", label: { en: "Severity" } }],
            },
          ],
        },
      ],
    },
    { type: "integer", name: "count", label: { en: "Count" } },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
const form: FormDefinition = parsed.value;

const report = (id: string, answers: Record<string, unknown>): ExportedSubmission => ({
  id,
  stationCode: "MK-7",
  stationName: "Old market",
  phaseCode: "day",
  formVersion: 1,
  submittedAt: "2040-05-01T10:00:00Z",
  receivedAt: "2040-05-01T10:00:01Z",
  revision: 1,
  status: "accepted",
  lastReview: null,
  flags: 0,
  answers,
});

describe("submissionsTables", () => {
  const tables = submissionsTables(
    form,
    [
      report("r1", {
        mood: "calm",
        count: -4,
        stall: [
          { seller: '=HYPERLINK("x")', complaint: [{ severity: 2 }, { severity: 3 }] },
          { seller: "Ama", complaint: [] },
        ],
      }),
      report("r2", { mood: "calm" }),
    ],
    "ru",
    SUBMISSION_COLUMN_LABELS.ru,
    REPEAT_COLUMN_LABELS.ru,
  );

  it("gives the reports one column per question asked once, and counts each top-level repeat's instances", () => {
    const [reports] = tables;
    expect(reports?.id).toBe("reports");
    expect(reports?.name).toBe("Опрос на рынке");
    const labels = reports?.columns.map((c) => c.label).slice(11);
    expect(labels).toEqual(["Настроение", "Count", "Прилавок: число экземпляров"]);
    expect(reports?.rows.map((r) => r["repeat.stall"])).toEqual([2, 0]);
    expect(reports?.rows[0]?.["answer.mood"]).toBe("Спокойно");
    expect(reports?.rows[0]?.["answer.count"]).toBe(-4);
  });

  it("gives every repeat, nested ones included, a table with one row per instance", () => {
    expect(tables.map((t) => t.id)).toEqual(["reports", "stall", "complaint"]);
    const stall = tables[1];
    expect(stall?.columns.map((c) => c.label)).toEqual(["Отчёт", "Код участка", "Экземпляр", "Seller"]);
    expect(stall?.rows).toEqual([
      { "report.id": "r1", "report.stationCode": "MK-7", instance: "1", "answer.seller": '=HYPERLINK("x")' },
      { "report.id": "r1", "report.stationCode": "MK-7", instance: "2", "answer.seller": "Ama" },
    ]);
    expect(tables[2]?.rows.map((r) => [r["instance"], r["answer.severity"]])).toEqual([
      ["1.1", 2],
      ["1.2", 3],
    ]);
  });
});

describe("choiceLabel", () => {
  const forms = [{ kind: "incident", definition: form }];
  it("names a choice in the language, else the form's default, else keeps the stored value", () => {
    expect(choiceLabel(forms, "incident", "mood", "calm", "ru")).toBe("Спокойно");
    expect(choiceLabel(forms, "incident", "mood", "calm", "fr")).toBe("Calm");
    expect(choiceLabel(forms, "incident", "mood", "angry", "ru")).toBe("angry");
    expect(choiceLabel(forms, "voting", "mood", "calm", "ru")).toBe("calm");
  });
});
