import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useOverview } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";

/** A phase's name in the UI language, from the election's phases (its code when unknown). */
export function usePhaseName(electionId: string): (code: string) => string {
  const format = useFormat();
  const overview = useOverview(electionId);
  return (code) => {
    const found = overview.data?.election.phases.find((p) => p.code === code);
    return found === undefined ? code : format.localized(found.name).text;
  };
}

/** The phase a coverage view shows (kept in the address by the caller). */
export function PhaseSelect({
  phases,
  value,
  phaseName,
  onChange,
  className = "field",
}: {
  phases: readonly { code: string }[];
  value: string;
  phaseName: (code: string) => string;
  onChange: (code: string) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{t("deployment.coverage.phase")}</label>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {phases.map((p) => (
          <option key={p.code} value={p.code}>
            {phaseName(p.code)}
          </option>
        ))}
      </select>
    </div>
  );
}
