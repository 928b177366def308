import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { LocalizedText } from "../api/client.ts";
import { useElectionTimeZone } from "../api/queries.ts";
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

/** The zone a reader's browser is in (instants off an election's pages are shown in it). */
export function readerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * The one way an instant is shown: to the minute, in the given IANA zone, with the zone named
 * ("12 May 2030, 22:35 (America/Montevideo)"), so that a time never silently reads in the
 * reader's own zone.
 */
export function instantFormatter(
  language: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
): (iso: string) => string {
  let zone = timeZone;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    zone = "UTC";
    formatter = new Intl.DateTimeFormat(language, { ...options, timeZone: zone });
  }
  return (iso: string) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : `${formatter.format(at)} (${zone})`;
  };
}

/**
 * Number, date and name formatting for the current UI language (Intl). On an election's pages
 * instants are shown in the election's time zone, named; elsewhere in the reader's, named.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const timeZone = useElectionTimeZone() ?? readerTimeZone();
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(language);
    const percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
    // API dates are calendar dates (YYYY-MM-DD): format them in UTC so no time zone shifts the day.
    const longDate = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
    const dayDate = new Intl.DateTimeFormat(language, {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    });
    const instant = instantFormatter(language, timeZone);
    const regions = new Intl.DisplayNames(language, { type: "region", fallback: "code" });
    const toDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
    return {
      language,
      number: (value: number) => numbers.format(value),
      /** A share (0.705) as a percentage to one decimal ("70.5%"). */
      percent: (share: number) => percents.format(share),
      date: (isoDate: string) => longDate.format(toDate(isoDate)),
      day: (isoDate: string) => dayDate.format(toDate(isoDate)),
      timeZone,
      /** An instant (received, reviewed, submitted) to the minute, in `timeZone`, the zone named. */
      dateTime: instant,
      /** An instant with other fields (e.g. hour and minute only), in `timeZone`, the zone named. */
      instant: (iso: string, options: Intl.DateTimeFormatOptions) =>
        instantFormatter(language, timeZone, options)(iso),
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
  }, [language, timeZone]);
}

/** What `useFormat` gives: the language and its formatters. */
export type Format = ReturnType<typeof useFormat>;

/** The translation function of `useTranslation`, for helpers outside components. */
export type Translate = TFunction<"translation">;
