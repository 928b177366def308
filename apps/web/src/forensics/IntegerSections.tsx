import { analysisTables, forensicsTables } from "@scrutiny/contract";
import { useMemo } from "react";
import { TableDetails } from "../analysis/Figure.tsx";
import type { Translate } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import type { ForensicsReport } from "./api.ts";
import type { N } from "./numbers.ts";
import { histogramOptions, PlotFigure } from "./plots.tsx";

/** Integer and round-number percentages, and the turnout and vote-share histograms. */
export function IntegerSection({ report, n, t }: { report: ForensicsReport; n: N; t: Translate }) {
  const ip = report.integerPercentages;
  const rows = [
    [t("forensics.integer.either"), ip],
    [t("forensics.integer.turnoutOnly"), ip.turnoutOnly],
    [t("forensics.integer.leaderOnly"), ip.leaderOnly],
  ] as const;
  return (
    <section className="card forensics-section" aria-labelledby="forensics-integer">
      <h2 id="forensics-integer" className="card__title">
        {t("forensics.integer.title")}
      </h2>
      <p className="callout callout--info">
        {t("forensics.integer.reading", {
          observed: n.n0(ip.observed),
          included: n.n0(ip.included),
          expected: n.n0(ip.expected),
          sd: n.n0(ip.sd),
          excess: n.n0(ip.excess),
          z: n.n1(ip.z),
        })}{" "}
        {ip.observed > ip.band[1] ? t("forensics.integer.beyond") : t("forensics.integer.within")}
      </p>
      <TableRegion>
        <table className="table" data-testid="integer-table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.integer.test")}</th>
              <th scope="col" className="num">
                {t("forensics.integer.included")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.observed")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.expected")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.sd")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.excess")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.z")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.band")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, r]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{n.n0(r.included)}</td>
                <td className="num">{n.n0(r.observed)}</td>
                <td className="num">{n.n1(r.expected)}</td>
                <td className="num">{n.n1(r.sd)}</td>
                <td className="num">{n.n1(r.excess)}</td>
                <td className="num">{n.n2(r.z)}</td>
                <td className="num">
                  {n.n0(r.band[0])}–{n.n0(r.band[1])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="card__hint">{t("forensics.integer.caveat")}</p>
    </section>
  );
}

export function HistogramSection({
  report,
  n,
  t,
  language,
}: {
  report: ForensicsReport;
  n: N;
  t: Translate;
  language: string;
}) {
  const h = report.histograms;
  const turnout = useMemo(
    () =>
      histogramOptions(
        h.turnout,
        t("forensics.histograms.turnout"),
        t("forensics.histograms.stations"),
        "#1f4e9c",
        560,
        (stations) => t("forensics.histograms.offScale", { stations: n.n0(stations) }),
      ),
    [h.turnout, n, t],
  );
  const leader = useMemo(
    () =>
      histogramOptions(
        h.leaderShare,
        t("forensics.histograms.leader"),
        t("forensics.histograms.stations"),
        "#9c1f3c",
        560,
        (stations) => t("forensics.histograms.offScale", { stations: n.n0(stations) }),
      ),
    [h.leaderShare, n, t],
  );
  const histogramTable = useMemo(
    () => forensicsTables.histogramsTable(h, analysisTables.tableLanguage(language)),
    [h, language],
  );
  return (
    <section className="card forensics-section" aria-labelledby="forensics-histograms">
      <h2 id="forensics-histograms" className="card__title">
        {t("forensics.histograms.title")}
      </h2>
      <div className="forensics-plots">
        <figure className="forensics-figure">
          <PlotFigure options={turnout} label={t("forensics.histograms.turnout")} />
        </figure>
        <figure className="forensics-figure">
          <PlotFigure options={leader} label={t("forensics.histograms.leader")} />
        </figure>
      </div>
      <p className="card__hint">{t("forensics.histograms.caption")}</p>
      <TableDetails
        id="histograms"
        summary={t("analysis.tableView", { title: histogramTable.name })}
        table={histogramTable}
        fileName="forensics-histograms"
      />
    </section>
  );
}
