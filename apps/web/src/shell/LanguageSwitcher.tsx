import { useTranslation } from "react-i18next";
import { chooseLanguage, currentLanguage, languages } from "../i18n/index.ts";

/** Two toggle buttons, EN and RU; the choice is remembered on this device. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const active = currentLanguage(i18n.language);
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t("header.language")}</legend>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="segmented__option"
          aria-pressed={language === active}
          title={t(`language.${language}`)}
          onClick={() => void chooseLanguage(language)}
        >
          <span aria-hidden="true">{language.toUpperCase()}</span>
          <span className="visually-hidden">{t(`language.${language}`)}</span>
        </button>
      ))}
    </fieldset>
  );
}
