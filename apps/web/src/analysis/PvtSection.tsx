import { analysisTables } from "@scrutiny/contract";
import { useTranslation } from "react-i18next";
import { type Translate, useFormat } from "../i18n/format.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { usePvt } from "./api.ts";
import { Figure } from "./Figure.tsx";
import { reasonText } from "./issues.ts";
import { useNumbers } from "./numbers.ts";

/** The parallel vote tabulation against the official result, and the turnout check. */
export function PvtSection({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const pvt = usePvt(missionId);
  if (pvt.isPending) return <LoadingPanel />;
  if (pvt.isError) return <ErrorPanel error={pvt.error} onRetry={() => void pvt.refetch()} />;
  const { pvt: p, turnout } = pvt.data;
  const r = p.result;
  return (
    <section aria-labelledby="pvt-heading" className="analysis-section">
      <h2 id="pvt-heading">{t("analysis.pvt")}</h2>
      {p.reason && <p className="analysis-note">{reasonText(p.reason, t)}</p>}
      {r && (
        <Figure
          id="pvt"
          title={t("analysis.pvtTitle", { stations: r.stations })}
          hint={t("analysis.pvtHint")}
          table={analysisTables.pvtTable(pvt.data, analysisTables.tableLanguage(format.language))}
          fileName={`pvt-${pvt.data.mission.code}`}
        >
          <TableRegion>
            <table className="table analysis-table">
              <thead>
                <tr>
                  <th scope="col">{t("analysis.party")}</th>
                  <th scope="col" className="num">
                    {t("analysis.pvtEstimate")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.official")}
                  </th>
                  <th scope="col">{t("analysis.verdict")}</th>
                </tr>
              </thead>
              <tbody>
                {r.turnout && (
                  <tr>
                    <th scope="row">{t("analysis.turnout")}</th>
                    <td className="num">
                      {n.pct(r.turnout.value)} ± {n.pct(r.turnout.marginOfError)}
                    </td>
                    <td className="num">{n.pct(r.turnoutOfficial?.official)}</td>
                    <td>{r.turnoutOfficial && <Verdict inside={r.turnoutOfficial.inside} />}</td>
                  </tr>
                )}
                {[...r.shares]
                  .sort((a, b) => b.estimate.value - a.estimate.value)
                  .map((s) => (
                    <tr key={s.contestantId}>
                      <th scope="row">{s.contestantId}</th>
                      <td className="num">
                        {n.pct(s.estimate.value)} ± {n.pct(s.estimate.marginOfError)}
                      </td>
                      <td className="num">{n.pct(s.official?.official)}</td>
                      <td>{s.official && <Verdict inside={s.official.inside} />}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableRegion>
          <h4>{t("analysis.discrepancies", { count: p.discrepancies.length })}</h4>
          <ul className="analysis-list">
            {p.discrepancies.map((d) => (
              <li key={d.stationId}>
                <strong>{d.stationCode}</strong>:{" "}
                {d.fields
                  .map((f) =>
                    t("analysis.discrepancy", {
                      field: protocolFieldName(f.field, t),
                      observed: f.observed === null ? "–" : format.number(f.observed),
                      published: f.published === null ? "–" : format.number(f.published),
                    }),
                  )
                  .join("; ")}
              </li>
            ))}
          </ul>
        </Figure>
      )}
      {turnout?.result && (
        <Figure
          id="turnout"
          title={t("analysis.turnoutCheck")}
          hint={t("analysis.turnoutHint", {
            gap: n.pct(turnout.result.relativeGap.value),
            lower: n.pct(turnout.result.relativeGap.lower),
            upper: n.pct(turnout.result.relativeGap.upper),
          })}
          table={analysisTables.turnoutTable(pvt.data, analysisTables.tableLanguage(format.language))}
          fileName={`turnout-${pvt.data.mission.code}`}
        >
          <TableRegion>
            <table className="table analysis-table">
              <thead>
                <tr>
                  <th scope="col">{t("analysis.day")}</th>
                  <th scope="col" className="num">
                    {t("analysis.observedVoters")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.reportedVoters")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.gap")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.flaggedStations")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {turnout.byDay.map((d) => (
                  <tr key={d.day}>
                    <td>{d.day}</td>
                    <td className="num">{n.n0(d.observed)}</td>
                    <td className="num">{n.n0(d.reported)}</td>
                    <td className="num">{n.pct(d.observed > 0 ? d.reported / d.observed - 1 : null)}</td>
                    <td className="num">
                      {d.flagged} / {d.stations}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </Figure>
      )}
    </section>
  );
}

function Verdict({ inside }: { inside: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${inside ? "badge--ok" : "badge--danger"}`}>
      {inside ? t("analysis.inside") : t("analysis.outside")}
    </span>
  );
}

/** A protocol line the PVT compares, by name: its figures' keys (`votes.<party>`) are internal. */
function protocolFieldName(field: string, t: Translate): string {
  if (field.startsWith("votes."))
    return t("analysis.protocolField.votes", { party: field.slice("votes.".length) });
  if (field === "registered") return t("analysis.protocolField.registered");
  if (field === "ballotsCast") return t("analysis.protocolField.ballotsCast");
  if (field === "valid") return t("analysis.protocolField.valid");
  if (field === "invalid") return t("analysis.protocolField.invalid");
  return field;
}
