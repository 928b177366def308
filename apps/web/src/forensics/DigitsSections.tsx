import { analysisTables, forensicsTables } from "@scrutiny/contract";
import { useMemo } from "react";
import { TableDetails } from "../analysis/Figure.tsx";
import type { Translate } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import type { ForensicsReport } from "./api.ts";
import type { N } from "./numbers.ts";
import { relationText } from "./protocolLines.ts";

/** Last-digit tests and the arithmetic consistency of the protocols. */
export function DigitsSection({
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
  const d = report.digits;
  // The last digits behind each test and every test's figures: table views and downloads.
  const tables = useMemo(() => {
    const lang = analysisTables.tableLanguage(language);
    return [forensicsTables.digitTestsTable(d, lang), forensicsTables.lastDigitsTable(d, lang)];
  }, [d, language]);
  return (
    <section className="card forensics-section" aria-labelledby="forensics-digits">
      <h2 id="forensics-digits" className="card__title">
        {t("forensics.digits.title")}
      </h2>
      <p className="callout forensics-warning">{t("forensics.digits.caveat")}</p>
      <TableRegion>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.digits.contestant")}</th>
              <th scope="col" className="num">
                {t("forensics.digits.secondDigit")}
              </th>
              <th scope="col" className="num">
                {t("forensics.digits.interval")}
              </th>
              <th scope="col" className="num">
                {t("forensics.digits.lastDigitP")}
              </th>
              <th scope="col" className="num">
                {t("forensics.digits.zeroFive")}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.contestants.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td className="num">{n.n3(c.secondDigit.mean)}</td>
                <td className="num">
                  {n.n3(c.secondDigit.interval[0])}–{n.n3(c.secondDigit.interval[1])}
                </td>
                <td className="num">{n.p(c.lastDigit.pValue)}</td>
                <td className="num">{n.pct(c.zeroFive.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="card__hint">
        {t("forensics.digits.percentZeroFive", {
          turnout: n.pct(d.turnoutPercentZeroFive.share),
          leader: n.pct(d.leaderPercentZeroFive.share),
        })}
      </p>
      {tables.map((table) => (
        <TableDetails
          key={table.id}
          id={table.id ?? ""}
          summary={t("analysis.tableView", { title: table.name })}
          table={table}
          fileName={`forensics-${table.id}`}
        />
      ))}
    </section>
  );
}

export function ArithmeticSection({ report, n, t }: { report: ForensicsReport; n: N; t: Translate }) {
  const a = report.arithmetic;
  return (
    <section className="card forensics-section" aria-labelledby="forensics-arithmetic">
      <h2 id="forensics-arithmetic" className="card__title">
        {t("forensics.arithmetic.title")}
      </h2>
      <p className="callout callout--info">
        {a.flaggedStations === 0
          ? t("forensics.arithmetic.allPass")
          : t("forensics.arithmetic.someFail", { count: a.flaggedStations })}
      </p>
      <TableRegion>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.arithmetic.relation")}</th>
              <th scope="col" className="num">
                {t("forensics.arithmetic.failures")}
              </th>
            </tr>
          </thead>
          <tbody>
            {a.relations.map((r) => (
              <tr key={r.id}>
                <th scope="row">{relationText(r, t)}</th>
                <td className="num">{n.n0(r.failures)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
