import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type DirectoryStation,
  type ElectionPhase,
  type FormSummary,
  SUBMISSION_STATUSES,
} from "../api/client.ts";
import { useDirectory } from "../api/queries.ts";
import { pickText } from "../forms/formText.ts";
import type { Format } from "../i18n/format.ts";
import { phaseLabel } from "./phase.ts";
import type { useFilters } from "./SubmissionsPage.tsx";

/** The filters above the list of reports. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

export function Filters({
  filters,
  forms,
  phases,
  missionId,
  format,
  onChange,
  anyFilter,
}: {
  filters: ReturnType<typeof useFilters>["filters"];
  forms: readonly FormSummary[];
  phases: readonly ElectionPhase[];
  missionId: string;
  format: Format;
  onChange: (changes: Record<string, string | undefined>) => void;
  anyFilter: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  // Controls show a change at once; the address (and so the list) follows in a transition.
  const [shown, setShown] = useState<{
    status?: string | undefined;
    formId?: string | undefined;
    phaseCode?: string | undefined;
    flagged?: boolean | undefined;
  }>(filters);
  const { status, formId, phaseCode, flagged } = filters;
  useEffect(() => setShown({ status, formId, phaseCode, flagged }), [status, formId, phaseCode, flagged]);
  const change = (key: "status" | "formId" | "phaseCode", param: string, value: string) => {
    setShown((previous) => ({ ...previous, [key]: value || undefined }));
    onChange({ [param]: value || undefined });
  };
  const [stationText, setStationText] = useState(filters.stationCode ?? "");
  useEffect(() => setStationText(filters.stationCode ?? ""), [filters.stationCode]);
  // Suggestions for the code being typed, after a short pause.
  const [typed, setTyped] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setTyped(stationText.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [stationText]);
  const suggestions = useDirectory(missionId, { stationCode: typed });

  const applyStation = (event: FormEvent) => {
    event.preventDefault();
    onChange({ station: stationText.trim() || undefined });
  };

  return (
    <section className="card filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t("submissions.filters")}
      </h2>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("submissions.status")}</label>
          <select
            id={`${id}-status`}
            className="select"
            value={shown.status ?? ""}
            onChange={(event) => change("status", "status", event.target.value)}
          >
            <option value="">{t("submissions.anyStatus")}</option>
            {SUBMISSION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`submissionStatus.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-form`}>{t("submissions.form")}</label>
          <select
            id={`${id}-form`}
            className="select"
            value={shown.formId ?? ""}
            onChange={(event) => change("formId", "form", event.target.value)}
          >
            <option value="">{t("submissions.anyForm")}</option>
            {forms.map((form) => (
              <option key={form.formId} value={form.formId}>
                {pickText(form.definition.title, format.language, form.definition)?.text ?? form.code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-phase`}>{t("submissions.phase")}</label>
          <select
            id={`${id}-phase`}
            className="select"
            value={shown.phaseCode ?? ""}
            onChange={(event) => change("phaseCode", "phase", event.target.value)}
          >
            <option value="">{t("submissions.anyPhase")}</option>
            {phases.map((phase) => (
              <option key={phase.code} value={phase.code}>
                {phaseLabel(phase, format)}
              </option>
            ))}
          </select>
        </div>
        <form className="field" onSubmit={applyStation}>
          <label htmlFor={`${id}-station`}>{t("submissions.stationCode")}</label>
          <div className="input-group">
            <input
              id={`${id}-station`}
              className="input"
              type="search"
              list={`${id}-stations`}
              autoComplete="off"
              spellCheck={false}
              placeholder={t("submissions.stationCodePlaceholder")}
              value={stationText}
              onChange={(event) => setStationText(event.target.value)}
            />
            <button type="submit" className="button button--secondary">
              {t("submissions.find")}
            </button>
          </div>
          <datalist id={`${id}-stations`}>
            {(typed === "" ? [] : (suggestions.data?.stations ?? [])).map((station: DirectoryStation) => (
              <option key={station.id} value={station.code}>
                {station.name}
              </option>
            ))}
          </datalist>
        </form>
      </div>
      <div className="filters__row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={shown.flagged === true}
            onChange={(event) => {
              const checked = event.target.checked;
              setShown((previous) => ({ ...previous, flagged: checked ? true : undefined }));
              onChange({ flagged: checked ? "1" : undefined });
            }}
          />
          <span>{t("submissions.flaggedOnly")}</span>
        </label>
        {anyFilter && (
          <button
            type="button"
            className="button button--link"
            onClick={() =>
              onChange({
                status: undefined,
                form: undefined,
                phase: undefined,
                flagged: undefined,
                station: undefined,
              })
            }
          >
            {t("submissions.clearFilters")}
          </button>
        )}
      </div>
    </section>
  );
}
