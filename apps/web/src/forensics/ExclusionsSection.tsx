import type { ControlRelation } from "@scrutiny/domain";
import { downloadCsv } from "../analysis/download.ts";
import type { Translate } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import type { ForensicsReport } from "./api.ts";
import type { N } from "./numbers.ts";
import { exclusionDetail, exclusionReason } from "./protocolLines.ts";

type Exclusions = NonNullable<ForensicsReport["exclusions"]>;

/** Rows of the uploaded file left out of the analysis: by reason, the first rows, the full list. */
export function ExclusionsSection({
  x,
  relations,
  n,
  t,
}: {
  x: Exclusions;
  /** The control relations the rows were checked against (a failure names one). */
  relations: readonly ControlRelation[];
  n: N;
  t: Translate;
}) {
  const reasons = Object.entries(x.byReason).filter(([, c]) => c > 0);
  return (
    <section className="card forensics-section" aria-labelledby="forensics-exclusions">
      <h2 id="forensics-exclusions" className="card__title">
        {t("forensics.exclusions.title")}
      </h2>
      <p className="callout callout--info">
        {x.excluded === 0
          ? t("forensics.exclusions.allRead", { rows: n.n0(x.rows) })
          : t("forensics.exclusions.someLeftOut", { excluded: n.n0(x.excluded), rows: n.n0(x.rows) })}
      </p>
      {x.excluded > 0 && (
        <>
          <TableRegion>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("forensics.exclusions.reason")}</th>
                  <th scope="col" className="num">
                    {t("forensics.exclusions.rows")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {reasons.map(([reason, count]) => (
                  <tr key={reason}>
                    <td>{exclusionReason(reason, t)}</td>
                    <td className="num">{n.n0(count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <TableRegion>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("forensics.upload.line")}
                  </th>
                  <th scope="col">{t("forensics.exclusions.station")}</th>
                  <th scope="col">{t("forensics.exclusions.area")}</th>
                  <th scope="col">{t("forensics.exclusions.reason")}</th>
                  <th scope="col">{t("forensics.exclusions.detail")}</th>
                </tr>
              </thead>
              <tbody>
                {x.first.map((r) => (
                  <tr key={`${r.line}-${r.reason}`}>
                    <td className="num">{r.line}</td>
                    <td>{r.station}</td>
                    <td>{r.area}</td>
                    <td>{exclusionReason(r.reason, t)}</td>
                    <td>{exclusionDetail(r, relations, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <button
            type="button"
            className="button"
            onClick={() =>
              downloadCsv(
                x.list.map((r) => ({
                  line: r.line,
                  station: r.station,
                  area: r.area,
                  reason: exclusionReason(r.reason, t),
                  detail: exclusionDetail(r, relations, t),
                })),
                "excluded-rows.csv",
              )
            }
          >
            {t("forensics.exclusions.download", { count: x.excluded })}
          </button>
        </>
      )}
    </section>
  );
}
