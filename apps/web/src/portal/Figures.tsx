import { TableRegion } from "../ui/TableRegion.tsx";
import type { EstimateRow, IncidentRow } from "./api.ts";
import { counts, figure, interval, percent } from "./format.ts";
import { nameIn, usePortalText } from "./i18n.ts";

/** What was left out of a figure, in words ("3 without an answer, 1 quarantined"). */
export function Exclusions({ row }: { row: EstimateRow }) {
  const { t } = usePortalText();
  const parts = Object.entries(row.exclusions ?? {})
    .filter(([, n]) => n > 0)
    .map(([reason, n]) =>
      reason === "missing" || reason === "quarantined" || reason === "outside-plan"
        ? t(`excluded.${reason}`, { n })
        : `${n} ${reason}`,
    );
  return <>{parts.length === 0 ? "–" : parts.join(", ")}</>;
}

/** One table of cells: overall, a breakdown by phase or by area. */
export function FigureTable({
  rows,
  label,
  keyLabel,
}: {
  rows: readonly EstimateRow[];
  label: string;
  keyLabel: (row: EstimateRow) => string;
}) {
  const { t, language } = usePortalText();
  if (rows.length === 0) return null;
  return (
    <TableRegion>
      <table className="table portal-figures">
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">{t("figure.value")}</th>
            <th scope="col">{t("figure.interval")}</th>
            <th scope="col">{t("figure.counts")}</th>
            <th scope="col">{t("figure.stations")}</th>
            <th scope="col">{t("figure.excluded")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.breakdown}/${row.key}`}
              data-figure={`${row.indicator}/${row.breakdown}/${row.key}`}
            >
              <th scope="row">{keyLabel(row)}</th>
              <td className="portal-value">
                {row.value === null ? (
                  // estimates.csv says why in English: said as it is to English readers only.
                  <span className="muted">{(language === "en" && row.issue) || t("figure.noEstimate")}</span>
                ) : (
                  figure(row, row.value)
                )}
                {row.small_cell ? <span className="badge portal-small">{t("figure.small")}</span> : null}
              </td>
              <td>{interval(row)}</td>
              <td>{counts(row)}</td>
              <td>{row.stations ?? "–"}</td>
              <td>
                <Exclusions row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export function IncidentTable({
  rows,
  categories,
}: {
  rows: readonly IncidentRow[];
  /** Labels of the categories by language (snapshots before they were published have none). */
  categories: Readonly<Record<string, Record<string, string>>>;
}) {
  const { t, language } = usePortalText();
  const overall = rows.filter((r) => r.breakdown === "overall");
  if (overall.length === 0) return null;
  return (
    <TableRegion>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("figure.category")}</th>
            <th scope="col">{t("figure.reports")}</th>
            <th scope="col">{t("figure.share")}</th>
            <th scope="col">{t("figure.interval")}</th>
          </tr>
        </thead>
        <tbody>
          {overall.map((r) => (
            <tr key={r.category}>
              <th scope="row">{nameIn(categories[r.category], language) || r.category}</th>
              <td>{r.reports}</td>
              <td>
                {percent(r.share)} ({r.stations_with_incident} / {r.stations_observed})
              </td>
              <td>
                {percent(r.share_lower)} – {percent(r.share_upper)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
