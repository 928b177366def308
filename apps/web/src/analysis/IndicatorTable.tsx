import { analysisTables, compileIndicator, type IndicatorDefinition } from "@scrutiny/contract";
import { indicatorQuestionNames } from "@scrutiny/domain";
import { useTranslation } from "react-i18next";
import { useForms } from "../api/queries.ts";
import { choiceLabel } from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import type { EstimatesResponse } from "./api.ts";
import { Figure } from "./Figure.tsx";
import type { EditedIndicator } from "./IndicatorEditor.tsx";
import { reasonText } from "./issues.ts";
import { exclusionsText, show, unitName, useNumbers } from "./numbers.ts";

/** The mission's indicators by phase, and the incident categories. */
export function IndicatorTable({
  data,
  electionId,
  onEdit,
}: {
  data: EstimatesResponse;
  electionId: string;
  /** Load an indicator into the editor. */
  onEdit: (indicator: EditedIndicator) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const forms = useForms(electionId);
  // An indicator over questions the mission's forms lack (the defaults on a mission with forms of
  // its own, say) reads nothing: say which, rather than only "no units with an answer remain".
  const missingQuestions = (definition: IndicatorDefinition): string[] => {
    if (forms.data === undefined) return [];
    const compiled = compileIndicator({ code: "", version: 0, definition });
    if (!compiled.ok) return [];
    const known = indicatorQuestionNames(forms.data, definition.formKind, data.mission.id);
    return compiled.value.questions.filter((name) => !known.has(name));
  };
  const n = useNumbers(format.language);
  const phaseName = (code: string) => {
    const p = data.phases.find((x) => x.code === code);
    return p ? format.localized(p.name).text || code : code;
  };
  // The overall row covers the phases the indicator counts: every phase, or the ones it names.
  const overallName = (phases: readonly string[] | null) =>
    phases === null ? t("analysis.allPhases") : phases.map(phaseName).join(", ");
  const rows = data.indicators.filter((i) => i.definition.kind !== "incidents");
  const language = analysisTables.tableLanguage(format.language);
  const incidents = data.indicators.filter((i) => i.definition.kind === "incidents");
  const categoryName: analysisTables.CategoryName = (kind, question, category) =>
    choiceLabel(forms.data ?? [], kind, question, category, format.language);
  return (
    <>
      <Figure
        id="indicators"
        title={t("analysis.indicators")}
        hint={t("analysis.indicatorsHint", { min: data.minCellUnits })}
        table={analysisTables.indicatorsTable(data, language)}
        fileName={`indicators-${data.mission.code}`}
      >
        <TableRegion>
          <table className="table analysis-table">
            <thead>
              <tr>
                <th scope="col">{t("analysis.indicator")}</th>
                <th scope="col">{t("analysis.phase")}</th>
                <th scope="col" className="num">
                  {t("analysis.value")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.ci")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.nOfN")}
                </th>
                <th scope="col">{t("analysis.excluded")}</th>
              </tr>
            </thead>
            {rows.map((i) => (
              <tbody key={i.code} data-indicator={i.code}>
                {[i.overall, ...(i.byPhase.length > 1 ? i.byPhase : [])].map((c, k) => {
                  const s = show(c.estimate, n);
                  return (
                    <tr key={c.key} className={k === 0 ? "analysis-row--overall" : "analysis-row--phase"}>
                      {k === 0 && (
                        <th scope="rowgroup" rowSpan={1 + (i.byPhase.length > 1 ? i.byPhase.length : 0)}>
                          {format.localized(i.definition.name).text}
                          <span className="analysis-unit">
                            {unitName(i.definition.unit, t)} · v{i.version}
                          </span>
                          <EditButton indicator={i} onEdit={onEdit} />
                          {missingQuestions(i.definition).length > 0 && (
                            <span className="analysis-warning" data-testid="missing-questions">
                              {t("analysis.missingQuestions", {
                                names: missingQuestions(i.definition).join(", "),
                                kind: t(`formKind.${i.definition.formKind}` as "formKind.voting"),
                              })}
                            </span>
                          )}
                        </th>
                      )}
                      <td>{k === 0 ? overallName(i.definition.phases) : phaseName(c.key)}</td>
                      <td className="num">
                        <strong>{s.value}</strong>
                        {c.estimate?.smallCell && (
                          <span className="badge badge--warning" title={t("analysis.smallCell")}>
                            {t("analysis.small")}
                          </span>
                        )}
                      </td>
                      <td className="num">{s.ci}</td>
                      <td className="num">
                        {c.estimate
                          ? `${i.definition.kind === "share" ? n.n1(c.estimate.numerator).replace(/[.,]0$/, "") : ""}${i.definition.kind === "share" ? " / " : ""}${n.n0(c.estimate.denominator)}`
                          : c.reason === null
                            ? "–"
                            : reasonText(c.reason, t)}
                      </td>
                      <td>{exclusionsText(c.estimate, t)}</td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </TableRegion>
      </Figure>
      {incidents.map((i) => (
        <Figure
          key={i.code}
          id={`incidents-${i.code}`}
          title={format.localized(i.definition.name).text}
          hint={<EditButton indicator={i} onEdit={onEdit} />}
          table={analysisTables.incidentsTable(data, language, categoryName, [i])}
          fileName={`incidents-${data.mission.code}-${i.code}`}
        >
          <TableRegion>
            <table className="table analysis-table">
              <thead>
                <tr>
                  <th scope="col">{t("analysis.category")}</th>
                  <th scope="col" className="num">
                    {t("analysis.reports")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.stationsWithIncident")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.shareOfStations")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {(i.overall.incidents?.categories ?? []).map((c) => (
                  <tr key={c.category}>
                    <td>
                      {categoryName(
                        i.definition.formKind,
                        i.definition.kind === "incidents" ? i.definition.question : "",
                        c.category,
                      )}
                    </td>
                    <td className="num">{c.reports}</td>
                    <td className="num">
                      {c.stationsWithIncident} / {i.overall.incidents?.stationsObserved}
                    </td>
                    <td className="num">
                      {n.pct(c.stationShare.value)} ({n.pct(c.stationShare.ci.lower)} –{" "}
                      {n.pct(c.stationShare.ci.upper)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </Figure>
      ))}
    </>
  );
}

/** Loads the indicator's definition into the editor, for a new version of it. */
function EditButton({
  indicator,
  onEdit,
}: {
  indicator: EditedIndicator;
  onEdit: (indicator: EditedIndicator) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <button
      type="button"
      className="button button--link analysis-edit"
      data-edit-indicator={indicator.code}
      aria-label={t("workspace.indicatorEdit.editNamed", {
        name: format.localized(indicator.definition.name).text || indicator.code,
      })}
      onClick={() =>
        onEdit({ code: indicator.code, version: indicator.version, definition: indicator.definition })
      }
    >
      {t("workspace.indicatorEdit.edit")}
    </button>
  );
}
