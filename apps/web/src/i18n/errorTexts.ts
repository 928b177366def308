// The error texts in each language, as the observer app and the portal read them: the staff app's
// own (errors.*.json, no other words), through a lookup with i18next's rules. A language without
// its own texts reads Russian (Belarusian: the observers who chose it read Russian too), then English.
import enErrors from "./errors.en.json";
import ruErrors from "./errors.ru.json";
import { catalogueTranslator, type LooseTranslate } from "./lookup.ts";

const CATALOGUES: Readonly<Record<string, object>> = { en: { errors: enErrors }, ru: { errors: ruErrors } };
const FALLBACKS: Readonly<Record<string, readonly string[]>> = { be: ["ru", "en"], ru: ["en"], en: [] };

export function errorTranslator(language: string): LooseTranslate {
  const chain = [language, ...(FALLBACKS[language] ?? ["en"])];
  return catalogueTranslator(
    chain.flatMap((lang) => {
      const tree = CATALOGUES[lang];
      return tree === undefined ? [] : [[lang, tree] as const];
    }),
  );
}
