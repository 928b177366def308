import { type Repeat, walkItems } from "@scrutiny/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormSummary } from "../api/client.ts";
import { pickText } from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";

/**
 * Downloads of one form's reports, built by the server: one column per question, labels in the
 * interface language, revision and review status. Holds the reports the list's filters keep (the
 * server applies them: status, station, phase, flagged) and follows the form filter when one is
 * set. The XLSX holds every repeat as a sheet of its own; a CSV holds one table, so each repeat has
 * its link.
 */
export function ExportLinks({
  missionId,
  forms,
  formId,
  selection,
}: {
  missionId: string;
  forms: readonly FormSummary[];
  formId: string | undefined;
  /** The list's other filters, as the export's query takes them. */
  selection: Readonly<Record<string, string | undefined>>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const selected = formId ?? chosen ?? forms[0]?.formId;
  if (selected === undefined) return null;
  const form = forms.find((f) => f.formId === selected);
  const repeats: Repeat[] = [];
  if (form !== undefined)
    walkItems(form.definition.items, (item) => {
      if (item.type === "repeat") repeats.push(item);
    });
  const href = (kind: "csv" | "xlsx", table?: string) => {
    const query = new URLSearchParams({ format: kind, language: format.language });
    if (table !== undefined) query.set("table", table);
    for (const [key, value] of Object.entries(selection)) if (value !== undefined) query.set(key, value);
    return `/api/v1/missions/${missionId}/forms/${selected}/submissions/export?${query.toString()}`;
  };
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
        {repeats.map((r) => (
          <a
            key={r.name}
            className="button button--secondary"
            href={href("csv", r.name)}
            download
            data-export={`csv-${r.name}`}
          >
            {t("submissions.export.repeatCsv", {
              name: (form && pickText(r.label, format.language, form.definition)?.text) ?? r.name,
            })}
          </a>
        ))}
        <a className="button button--secondary" href={href("xlsx")} download data-export="xlsx">
          {t("submissions.export.xlsx")}
        </a>
      </div>
    </section>
  );
}
