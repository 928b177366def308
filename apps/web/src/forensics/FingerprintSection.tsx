import { analysisTables, forensicsTables } from "@scrutiny/contract";
import { useMemo } from "react";
import { TableDetails } from "../analysis/Figure.tsx";
import type { Translate } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import type { ForensicsReport } from "./api.ts";
import type { N } from "./numbers.ts";
import { heatmapOptions, marginalsOptions, PlotFigure } from "./plots.tsx";

/** The election fingerprint (turnout against the leader's share) and its readings. */
export function FingerprintSection({
  fp,
  progress,
  n,
  t,
  language,
}: {
  fp: NonNullable<ForensicsReport["fingerprint"]>;
  /** The background replicates (intervals and test) while they are computed. */
  progress?: ForensicsReport["fingerprintReplicates"];
  n: N;
  t: Translate;
  language: string;
}) {
  const xLabel = t("forensics.fingerprint.turnoutAxis");
  const yLabel = t("forensics.fingerprint.shareAxis");
  const observed = useMemo(
    () => heatmapOptions(fp.observed, fp.bins, xLabel, yLabel, 320),
    [fp.observed, fp.bins, xLabel, yLabel],
  );
  const observedFit = useMemo(
    () => heatmapOptions(fp.observedFit, fp.fitBins, xLabel, yLabel, 320),
    [fp.observedFit, fp.fitBins, xLabel, yLabel],
  );
  const fitted = useMemo(
    () => heatmapOptions(fp.fitted, fp.fitBins, xLabel, yLabel, 320),
    [fp.fitted, fp.fitBins, xLabel, yLabel],
  );
  const marginals = useMemo(
    () =>
      marginalsOptions(
        fp.observedFit,
        fp.fitted,
        fp.fitBins,
        {
          turnoutObserved: t("forensics.fingerprint.observedTurnout"),
          turnoutFitted: t("forensics.fingerprint.fittedTurnout"),
          shareObserved: t("forensics.fingerprint.observedShare"),
          shareFitted: t("forensics.fingerprint.fittedShare"),
        },
        "%",
        t("forensics.fingerprint.share"),
        720,
      ),
    [fp.observedFit, fp.fitted, fp.fitBins, t],
  );
  // The heatmaps' and marginals' numbers, uncut: each figure's table view and downloads.
  const tables = useMemo(() => {
    const lang = analysisTables.tableLanguage(language);
    return [forensicsTables.fingerprintTable(fp, lang), forensicsTables.fingerprintFitTable(fp, lang)];
  }, [fp, language]);
  const f = fp.fit;
  return (
    <section
      className="card forensics-section"
      aria-labelledby="forensics-fingerprint"
      data-testid="fingerprint"
    >
      <h2 id="forensics-fingerprint" className="card__title">
        {t("forensics.fingerprint.title")}
      </h2>
      <p className="callout callout--info">
        {Number.isFinite(f.fi.se)
          ? t("forensics.fingerprint.reading", {
              fi: n.n1(100 * f.fi.estimate),
              fiSe: n.n1(100 * f.fi.se),
              fe: n.n1(100 * f.fe.estimate),
              feSe: n.n1(100 * f.fe.se),
            })
          : t("forensics.fingerprint.readingNoSe", {
              fi: n.n1(100 * f.fi.estimate),
              fe: n.n1(100 * f.fe.estimate),
            })}
      </p>
      {progress?.status === "running" && (
        <p className="callout callout--info" role="status" data-testid="fingerprint-progress">
          {t("forensics.fingerprint.replicatesRunning", { done: progress.done, total: progress.total })}
        </p>
      )}
      {progress?.status === "failed" && (
        <p className="callout callout--danger" role="alert">
          {t("forensics.fingerprint.replicatesFailed", { message: progress.error ?? "" })}
        </p>
      )}
      <p data-testid="fingerprint-test">
        {noFraudStatement(f.noFraudTest, n, t)}
        {f.bootstrapReplicates > 0 &&
          ` ${t("forensics.fingerprint.replicates", { count: f.bootstrapReplicates })}`}
      </p>
      <div className="forensics-plots">
        <figure className="forensics-figure">
          <PlotFigure options={observed} label={t("forensics.fingerprint.observed")} />
          <figcaption>
            {t("forensics.fingerprint.observed")} · {fp.bins}×{fp.bins}
          </figcaption>
        </figure>
        <figure className="forensics-figure">
          <PlotFigure options={observedFit} label={t("forensics.fingerprint.observed")} />
          <figcaption>
            {t("forensics.fingerprint.observed")} · {fp.fitBins}×{fp.fitBins}
          </figcaption>
        </figure>
        <figure className="forensics-figure">
          <PlotFigure options={fitted} label={t("forensics.fingerprint.fitted")} />
          <figcaption>
            {t("forensics.fingerprint.fitted")} · {fp.fitBins}×{fp.fitBins}
          </figcaption>
        </figure>
      </div>
      <figure className="forensics-figure">
        <PlotFigure options={marginals} label={t("forensics.fingerprint.marginals")} />
        <figcaption>{t("forensics.fingerprint.marginals")}</figcaption>
      </figure>
      {tables.map((table) => (
        <TableDetails
          key={table.id}
          id={table.id ?? ""}
          summary={t("analysis.tableView", { title: table.name })}
          table={table}
          fileName={`forensics-${table.id}`}
        />
      ))}
      <TableRegion>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.fingerprint.parameter")}</th>
              <th scope="col" className="num">
                {t("forensics.fingerprint.estimate")}
              </th>
              <th scope="col" className="num">
                {t("forensics.fingerprint.se")}
              </th>
              <th scope="col" className="num">
                {t("forensics.fingerprint.interval")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                [t("forensics.fingerprint.fi"), f.fi],
                [t("forensics.fingerprint.fe"), f.fe],
              ] as const
            ).map(([label, e]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{n.n3(e.estimate)}</td>
                <td className="num">{n.n3(e.se)}</td>
                <td className="num">
                  {n.n3(e.interval[0])}–{n.n3(e.interval[1])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="card__hint">{t("forensics.fingerprint.caveat")}</p>
    </section>
  );
}

/** The no-fraud test's result in the page's language (the report's own sentence is English). */
function noFraudStatement(
  test: { statistic: number; pValue: number | null; level: number; replicates: number },
  n: N,
  t: Translate,
): string {
  const values = {
    statistic: n.n1(test.statistic),
    level: String(100 * test.level),
    p: n.n3(test.pValue),
    replicates: test.replicates,
  };
  if (test.pValue === null) return t("forensics.fingerprint.notTested", values);
  return test.pValue < test.level
    ? t("forensics.fingerprint.rejected", values)
    : t("forensics.fingerprint.notRejected", values);
}
