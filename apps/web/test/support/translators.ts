// The staff app's catalogue in English and Russian as the pages translate with it (i18next, no
// fallback language, so a key missing in one language shows as missing), for the message tests.
import i18next, { type TFunction } from "i18next";
import { en, ru } from "../../src/i18n/catalogue.ts";

export type CatalogueTranslate = TFunction<"translation">;

export function catalogueTranslators(): { english: CatalogueTranslate; russian: CatalogueTranslate } {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: "en",
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return {
    english: instance.getFixedT("en") as CatalogueTranslate,
    russian: instance.getFixedT("ru") as CatalogueTranslate,
  };
}
