import { analysisTables } from "@scrutiny/contract";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import { levelName } from "../ui/variableNames.ts";
import { type EstimatesResponse, useRegions } from "./api.ts";
import { Figure } from "./Figure.tsx";
import { show, useNumbers } from "./numbers.ts";
import { RegionMap, type RegionValue } from "./RegionMap.tsx";

/** One indicator by area: the map of regions beside its table. */
export function AreaBreakdown({ electionId, data }: { electionId: string; data: EstimatesResponse }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const regions = useRegions(electionId);
  const candidates = data.indicators.filter((i) => i.definition.kind !== "incidents");
  const [code, setCode] = useState(candidates[0]?.code ?? "");
  const indicator = candidates.find((i) => i.code === code) ?? candidates[0];
  if (!indicator) return null;
  const areaName = (id: string) => {
    const a = data.areas.find((x) => x.id === id);
    return a ? format.localized(a.name).text : id;
  };
  const values = new Map<string, RegionValue>(
    indicator.byArea.cells.map((c) => [
      c.key,
      {
        value: c.estimate?.value ?? null,
        label: show(c.estimate, n).value,
        smallCell: c.estimate?.smallCell ?? false,
      },
    ]),
  );
  const table = analysisTables.areasTable(data, analysisTables.tableLanguage(format.language), [indicator]);
  return (
    <Figure
      id="areas"
      title={t("analysis.byArea")}
      hint={t("analysis.byAreaHint")}
      table={table}
      fileName={`areas-${data.mission.code}-${indicator.code}`}
      chart
    >
      <label className="analysis-select">
        <span>{t("analysis.indicator")}</span>
        <select value={indicator.code} onChange={(event) => setCode(event.target.value)}>
          {candidates.map((i) => (
            <option key={i.code} value={i.code}>
              {format.localized(i.definition.name).text}
            </option>
          ))}
        </select>
      </label>
      <div className="analysis-map-layout">
        {regions.data && (
          <RegionMap
            geo={regions.data}
            values={values}
            nameOf={(name) => format.localized(name).text}
            label={t("analysis.mapLabel", { indicator: format.localized(indicator.definition.name).text })}
            legend={t("analysis.mapLegend")}
          />
        )}
        <TableRegion>
          <table className="table analysis-table">
            <thead>
              <tr>
                <th scope="col">{levelName(indicator.byArea.level, t)}</th>
                <th scope="col" className="num">
                  {t("analysis.value")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.ci")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.units")}
                </th>
              </tr>
            </thead>
            <tbody>
              {indicator.byArea.cells.map((c) => {
                const s = show(c.estimate, n);
                return (
                  <tr key={c.key}>
                    <td>{areaName(c.key)}</td>
                    <td className="num">
                      {s.value}
                      {c.estimate?.smallCell && (
                        <span className="badge badge--warning">{t("analysis.small")}</span>
                      )}
                    </td>
                    <td className="num">{s.ci}</td>
                    <td className="num">{c.estimate?.denominator ?? "–"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      </div>
    </Figure>
  );
}
