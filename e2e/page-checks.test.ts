// The sweep's check for English left on a Russian page, on texts rather than pages (no browser):
// what counts as a run of English words and what does not.
import { describe, expect, it } from "vitest";
import { ru } from "../apps/web/src/i18n/catalogue.ts";
import { dictionaries as observerWords } from "../apps/web/src/observer/i18n.ts";
import { dictionaries as portalWords } from "../apps/web/src/portal/i18n.ts";
import { catalogueLeaves } from "../test-support/catalogue.ts";
import { englishRun } from "./support/page-checks.ts";

describe("English words on a Russian page", () => {
  it("finds three English words in a row, in a server's sentence or around Russian", () => {
    expect(englishRun("no counting protocols observed")).toBe("no counting protocols");
    expect(englishRun("Участок 12: At the 5% level the no-fraud model is rejected")).toBe(
      "level the no-fraud",
    );
    expect(englishRun("(too many votes, check the protocol)")).toBe("(too many votes,");
  });

  it("leaves codes, names, file and user names, URLs and short phrases alone", () => {
    for (const text of [
      "ALFA BRAVO CHARLIE DELTA",
      "Скачать CSV XLSX PVT",
      "mira.coord teodor.analyst observer-1",
      "https://example.org/a/b report.html datapackage.zip",
      "Ilina Petrovska, Goran Stojanovski, Vesna Trajkovska",
      "Klimek, Yegorov, Hanel & Thurner",
      "Scrutiny",
      "Да. Нет. Wait. Stop. Go.",
      "Ward 7",
    ])
      expect(englishRun(text), text).toBeNull();
  });

  it("finds nothing in the Russian catalogues themselves", () => {
    const texts = [
      ...catalogueLeaves(ru).values(),
      ...Object.values(portalWords.ru),
      ...Object.values(observerWords.ru),
    ].map((text) => String(text).replace(/\{\{?\s*\w+\s*\}\}?/g, "X"));
    expect(texts.filter((text) => englishRun(text) !== null)).toEqual([]);
  });
});
