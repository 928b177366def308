import { describe, expect, it } from "vitest";
import { catalogueLeaves } from "../../../test-support/catalogue.ts";
import { en, ru } from "../src/i18n/catalogue.ts";

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort();

describe("web translations", () => {
  const english = catalogueLeaves(en);
  const russian = catalogueLeaves(ru);

  it("has the same keys in English and Russian", () => {
    expect([...russian.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("uses the same placeholders in both languages, and no empty texts", () => {
    for (const [key, text] of english) {
      const other = russian.get(key) ?? "";
      expect(other, key).not.toBe("");
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  // Strings that are the same in every language on purpose: the product's name, a language's own
  // name, a file format. Anything else left in English in ru.json is an untranslated string.
  const sameInEveryLanguage = new Set(["app.name", "language.en", "forms.xlsform"]);

  it("translates every English text into Russian (no English left in ru.json)", () => {
    const untranslated = [...english]
      .filter(
        ([key, text]) =>
          !sameInEveryLanguage.has(key) && /[A-Za-z]{2,}/.test(text.replace(/{{\s*\w+\s*}}/g, "")),
      )
      .filter(([key, text]) => {
        const other = russian.get(key) ?? "";
        const withoutPlaceholders = other.replace(/{{\s*\w+\s*}}/g, "");
        return other === text || !/[\u0400-\u04FF]/.test(withoutPlaceholders);
      })
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});
