import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useElections } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";

/** Shown only when the server holds more than one election. */
export function ElectionSwitcher({ electionId }: { electionId: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const elections = useElections();
  if (!elections.data || elections.data.length < 2) return null;
  return (
    <div className="election-switcher">
      <label htmlFor="election-switcher" className="election-switcher__label">
        {t("header.election")}
      </label>
      <select
        id="election-switcher"
        className="select"
        value={electionId ?? ""}
        onChange={(event) => navigate(`/elections/${event.target.value}`)}
      >
        {electionId === undefined && <option value="" disabled />}
        {elections.data.map((election) => (
          <option key={election.id} value={election.id}>
            {format.localized(election.name).text} · {format.date(election.electionDate)}
          </option>
        ))}
      </select>
    </div>
  );
}
