// The error texts in each language, as the observer app and the portal read them: the staff app's
// own (errors.*.json, no other words), through a lookup with i18next's rules. Belarusian (the
// observer app's third language) has the texts an observer can meet (errors.be.json); for the
// rest it reads Russian, then English.
import beErrors from "./errors.be.json";
import enErrors from "./errors.en.json";
import ruErrors from "./errors.ru.json";
import { catalogueTranslator, type LooseTranslate } from "./lookup.ts";

const CATALOGUES: Readonly<Record<string, object>> = {
  en: { errors: enErrors },
  ru: { errors: ruErrors },
  be: { errors: beErrors },
};
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
