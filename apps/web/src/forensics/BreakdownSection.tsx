import { useMemo, useState } from "react";
import type { Translate } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import { levelName } from "../ui/variableNames.ts";
import type { ForensicsReport } from "./api.ts";
import type { N } from "./numbers.ts";

/** The tests broken down by a control variable. */
export function BreakdownSection({
  breakdown,
  n,
  t,
}: {
  breakdown: NonNullable<ForensicsReport["breakdown"]>;
  n: N;
  t: Translate;
}) {
  const [rankBy, setRankBy] = useState<"integer" | "corner">("integer");
  const [all, setAll] = useState(false);
  const rows = useMemo(
    () =>
      rankBy === "integer"
        ? breakdown.areas
        : [...breakdown.areas].sort((a, b) => b.extremeCornerShare - a.extremeCornerShare),
    [breakdown.areas, rankBy],
  );
  const shown = all ? rows : rows.slice(0, 25);
  return (
    <section className="card forensics-section" aria-labelledby="forensics-breakdown">
      <h2 id="forensics-breakdown" className="card__title">
        {t("forensics.breakdown.title")}
      </h2>
      <p className="callout callout--info">
        {t("forensics.breakdown.reading", { level: levelName(breakdown.level, t) })}
      </p>
      <div className="field" style={{ maxWidth: "22rem" }}>
        <label htmlFor="forensics-rank">{t("forensics.breakdown.rankBy")}</label>
        <select
          id="forensics-rank"
          className="select"
          value={rankBy}
          onChange={(e) => setRankBy(e.target.value === "corner" ? "corner" : "integer")}
        >
          <option value="integer">{t("forensics.breakdown.byInteger")}</option>
          <option value="corner">{t("forensics.breakdown.byCorner")}</option>
        </select>
      </div>
      <TableRegion>
        <table className="table" data-testid="breakdown-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("forensics.breakdown.rank")}
              </th>
              <th scope="col">{t("forensics.breakdown.area")}</th>
              <th scope="col" className="num">
                {t("forensics.breakdown.stations")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.turnout")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.leader")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.observed")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.expected")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.excess")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.z")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.corner")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.secondDigit")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.flags")}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={`${r.parent ?? ""}/${r.area}`}>
                <td className="num">{i + 1}</td>
                <th scope="row">{r.parent ? `${r.parent} / ${r.area}` : r.area}</th>
                <td className="num">{n.n0(r.stations)}</td>
                <td className="num">{n.pct(r.turnout)}</td>
                <td className="num">{n.pct(r.leaderShare)}</td>
                <td className="num">{n.n0(r.integer.observed)}</td>
                <td className="num">{n.n1(r.integer.expected)}</td>
                <td className="num">{n.n1(r.integer.excess)}</td>
                <td className="num">{n.n1(r.integer.z)}</td>
                <td className="num">{n.pct(r.extremeCornerShare)}</td>
                <td className="num">{n.n2(r.secondDigit.mean)}</td>
                <td className="num">{n.n0(r.arithmeticFlags)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {!all && rows.length > shown.length && (
        <button type="button" className="button button--secondary" onClick={() => setAll(true)}>
          {t("forensics.breakdown.showAll", { count: rows.length })}
        </button>
      )}
    </section>
  );
}
