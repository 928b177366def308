// XLSForm language columns: `label::English (en)` (the recommended form: a
// name and a code), older `label:English` or `label::english` (a name only),
// and plain `label` (no language).
import { LANGUAGE_KEY_PATTERN } from "../forms/definition.ts";

const NAMES: Readonly<Record<string, string>> = {
  en: "English",
  ru: "Russian",
  uk: "Ukrainian",
  be: "Belarusian",
  kk: "Kazakh",
  ky: "Kyrgyz",
  uz: "Uzbek",
  tg: "Tajik",
  tk: "Turkmen",
  hy: "Armenian",
  ka: "Georgian",
  az: "Azerbaijani",
  ro: "Romanian",
  sr: "Serbian",
  sq: "Albanian",
  mk: "Macedonian",
  bs: "Bosnian",
  hr: "Croatian",
  fr: "French",
  es: "Spanish",
  pt: "Portuguese",
  de: "German",
  it: "Italian",
  pl: "Polish",
  tr: "Turkish",
  ar: "Arabic",
  fa: "Persian",
  zh: "Chinese",
  sw: "Swahili",
  am: "Amharic",
  ha: "Hausa",
};

/** The key used for plain (language-less) columns when no default language is declared. */
export const DEFAULT_LANGUAGE_KEY = "default";

export function languageName(code: string): string {
  return NAMES[code] ?? code;
}

/** `English (en)` for column headers and settings. */
export function languageLabel(code: string): string {
  return `${languageName(code)} (${code})`;
}

/**
 * The language key of a column qualifier. "English (en)" -> key en, with the
 * header kept as written (`written`) so export gives it back; otherwise the
 * name itself, as written ("Español", "العربية", "english"), is the key.
 */
export function parseLanguage(qualifier: string): { code: string; written?: string } | undefined {
  const q = qualifier.trim();
  const withCode = /^(.*)\(\s*([^()]+?)\s*\)\s*$/.exec(q);
  if (withCode?.[2] !== undefined && LANGUAGE_KEY_PATTERN.test(withCode[2]))
    return languageLabel(withCode[2]) === q ? { code: withCode[2] } : { code: withCode[2], written: q };
  if (LANGUAGE_KEY_PATTERN.test(q)) return { code: q };
  return undefined;
}
