import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormSummary } from "../api/client.ts";
import { pickText } from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";

/**
 * Downloads of one form's reports, built by the server: one column per question, labels in the
 * interface language, revision and review status. Follows the form filter when one is set.
 */
export function ExportLinks({
  missionId,
  forms,
  formId,
}: {
  missionId: string;
  forms: readonly FormSummary[];
  formId: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const selected = formId ?? chosen ?? forms[0]?.formId;
  if (selected === undefined) return null;
  const href = (kind: "csv" | "xlsx") =>
    `/api/v1/missions/${missionId}/forms/${selected}/submissions/export?format=${kind}&language=${format.language}`;
  return (
    <section className="card export-links" aria-labelledby="submission-export">
      <div className="card__body export-links__body">
        <h2 id="submission-export" className="card__title">
          {t("submissions.export.title")}
        </h2>
        {formId === undefined && (
          <label className="export-links__form">
            <span>{t("submissions.export.form")}</span>
            <select value={selected} onChange={(event) => setChosen(event.target.value)}>
              {forms.map((form) => (
                <option key={form.formId} value={form.formId}>
                  {pickText(form.definition.title, format.language, form.definition)?.text ?? form.code}
                </option>
              ))}
            </select>
          </label>
        )}
        <a className="button button--secondary" href={href("csv")} download data-export="csv">
          {t("submissions.export.csv")}
        </a>
        <a className="button button--secondary" href={href("xlsx")} download data-export="xlsx">
          {t("submissions.export.xlsx")}
        </a>
      </div>
    </section>
  );
}
