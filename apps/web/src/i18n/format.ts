import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { LocalizedText } from "../api/client.ts";
import { currentLanguage, type Language } from "./index.ts";

/** Text in the UI language when the data has it, else English, else whatever language it has. */
export function localized(text: LocalizedText, language: Language): { text: string; lang: string } {
  for (const lang of [language, "en", ...Object.keys(text)]) {
    const value = text[lang];
    if (value !== undefined && value !== "") return { text: value, lang };
  }
  return { text: "", lang: language };
}

// Region codes reserved for private use or pseudo-locales; DisplayNames would name them oddly.
const PRIVATE_REGION = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/** Number, date and name formatting for the current UI language (Intl). */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(language);
    // API dates are calendar dates (YYYY-MM-DD): format them in UTC so no time zone shifts the day.
    const longDate = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
    const dayDate = new Intl.DateTimeFormat(language, {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    });
    // Instants (received, reviewed) in the reader's own time zone, to the minute.
    const instant = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
    const regions = new Intl.DisplayNames(language, { type: "region", fallback: "code" });
    const toDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
    return {
      language,
      number: (value: number) => numbers.format(value),
      date: (isoDate: string) => longDate.format(toDate(isoDate)),
      day: (isoDate: string) => dayDate.format(toDate(isoDate)),
      dateTime: (iso: string) => {
        const at = new Date(iso);
        return Number.isNaN(at.getTime()) ? iso : instant.format(at);
      },
      country: (code: string) => {
        const upper = code.toUpperCase();
        if (PRIVATE_REGION.test(upper)) return upper;
        try {
          return regions.of(upper) ?? upper;
        } catch {
          return upper;
        }
      },
      localized: (text: LocalizedText) => localized(text, language),
    };
  }, [language]);
}

/** What `useFormat` gives: the language and its formatters. */
export type Format = ReturnType<typeof useFormat>;

/** The translation function of `useTranslation`, for helpers outside components. */
export type Translate = ReturnType<typeof useTranslation>["t"];
