import type { LocalizedText } from "@scrutiny/domain";
import type { ObserverLanguage } from "./i18n.ts";

/** Hours and minutes in the phone's own zone (the observer is where the election is). */
export function formatTime(iso: string, language: ObserverLanguage): string {
  return new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export function formatDateTime(iso: string, language: ObserverLanguage): string {
  return new Intl.DateTimeFormat(language, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** Text in the app's language, else Russian for Belarusian readers, else any. */
export function localized(text: LocalizedText | undefined, language: ObserverLanguage): string {
  if (text === undefined) return "";
  const fallbacks = language === "be" ? ["be", "ru", "en"] : [language, "en", "ru"];
  for (const lang of fallbacks) {
    const value = text[lang];
    if (value !== undefined && value !== "") return value;
  }
  return Object.values(text)[0] ?? "";
}
