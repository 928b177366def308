import type { AnswerValue, FormDefinition, LocalizedText } from "@scrutiny/domain";
import { useTranslation } from "react-i18next";
import { pickText } from "./formText.ts";

/** The preview's "every language at once" choice. */
export const ALL = "*";
export type Answers = Record<string, AnswerValue>;

/**
 * A form text in the chosen language (marked when it falls back to another), or in every
 * language of the form, one line each, with gaps in a translation called out.
 */
export function Texts({
  text,
  form,
  language,
}: {
  text: LocalizedText | undefined;
  form: FormDefinition;
  language: string;
}) {
  const { t } = useTranslation();
  if (text === undefined) return null;
  if (language !== ALL) {
    const picked = pickText(text, language, form);
    if (picked === undefined) return null;
    return (
      <span lang={picked.lang}>
        {picked.text}
        {picked.fallback && (
          <span className="untranslated">{t("preview.untranslated", { lang: language.toUpperCase() })}</span>
        )}
      </span>
    );
  }
  return (
    <span className="multi">
      {form.languages.map((code) => (
        <span key={code} className="multi__line">
          <span className="multi__lang" aria-hidden="true">
            {code.toUpperCase()}
          </span>
          {text[code] !== undefined && text[code] !== "" ? (
            <span lang={code}>{text[code]}</span>
          ) : (
            <span className="untranslated untranslated--missing">{t("preview.missingTranslation")}</span>
          )}
        </span>
      ))}
    </span>
  );
}
