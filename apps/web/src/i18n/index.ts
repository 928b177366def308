import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en, ru } from "./catalogue.ts";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

export const languages = ["en", "ru"] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = "scrutiny.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** The language the user picked with the switcher on this device, if any. */
export function rememberedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled (private mode, policy): fall back to defaults
  }
}

function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}

/** Switches the language and remembers the choice on this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered, still switched
  }
  await i18next.changeLanguage(language);
}

/**
 * The signed-in user's own language applies when nobody chose one on this device;
 * an explicit choice with the switcher wins.
 */
export function applyUserLocale(locale: string): void {
  if (rememberedLanguage() === undefined && isLanguage(locale) && i18next.language !== locale) {
    void i18next.changeLanguage(locale);
  }
}

export function currentLanguage(language: string): Language {
  return isLanguage(language) ? language : "en";
}

/** Initialises i18next synchronously: resources are bundled, so the first render is translated. */
export function initI18n(): typeof i18next {
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = language;
  });
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: rememberedLanguage() ?? browserLanguage(),
    fallbackLng: "en",
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
