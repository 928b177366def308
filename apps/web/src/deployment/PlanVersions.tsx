// A drawn or imported plan waits for the coordinator's confirmation beside the plan it would
// replace; every earlier version stays listed with the estimates computed under it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useEstimates } from "../analysis/api.ts";
import { reasonText } from "../analysis/issues.ts";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { type Plan, useDecidePlan, usePlanVersions } from "./api.ts";

export function ProposedPlan({
  missionId,
  proposed,
  current,
}: {
  missionId: string;
  proposed: Plan;
  current: Plan | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const decide = useDecidePlan(missionId);
  return (
    <section className="callout callout--warning" aria-label={t("deployment.versions.proposedRegion")}>
      <h3>{t("deployment.versions.proposedTitle", { version: proposed.version })}</h3>
      <p>
        {t("deployment.versions.proposedSummary", {
          design: t(`design.${proposed.design}.label`),
          sample: format.number(proposed.sampleSize),
          frame: format.number(proposed.frameSize),
        })}
      </p>
      <p>
        {current === null
          ? t("deployment.versions.firstPlan")
          : t("deployment.versions.replaces", {
              version: current.version,
              sample: format.number(current.sampleSize),
            })}
      </p>
      {decide.isError && (
        <p className="callout callout--danger" role="alert">
          {apiErrorText(decide.error, t)}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={decide.isPending}
          onClick={() => decide.mutate({ version: proposed.version, decision: "confirm" })}
        >
          {t("deployment.versions.confirm", { version: proposed.version })}
        </button>
        <button
          type="button"
          className="button"
          disabled={decide.isPending}
          onClick={() => decide.mutate({ version: proposed.version, decision: "discard" })}
        >
          {t("deployment.versions.discard")}
        </button>
      </div>
    </section>
  );
}

export function PlanHistory({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = usePlanVersions(missionId);
  const [shown, setShown] = useState<number | null>(null);
  if (versions.isPending) return <LoadingPanel />;
  if (versions.isError) return <ErrorPanel error={versions.error} onRetry={() => void versions.refetch()} />;
  if (versions.data.versions.length === 0) return null;
  return (
    <div className="deployment-plan">
      <h3>{t("deployment.versions.title")}</h3>
      <div className="table-wrap">
        <table className="table table--stack deployment-compact">
          <caption className="visually-hidden">{t("deployment.versions.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("deployment.versions.version")}</th>
              <th scope="col">{t("deployment.versions.status")}</th>
              <th scope="col">{t("deployment.versions.source")}</th>
              <th scope="col">{t("deployment.plan.design")}</th>
              <th scope="col" className="num">
                {t("deployment.plan.size")}
              </th>
              <th scope="col">{t("deployment.versions.created")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("deployment.versions.estimates")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.data.versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td data-label={t("deployment.versions.status")}>{t(`deployment.versions.${v.status}`)}</td>
                <td data-label={t("deployment.versions.source")}>{t(`deployment.versions.${v.source}`)}</td>
                <td data-label={t("deployment.plan.design")}>{t(`design.${v.design}.label`)}</td>
                <td className="num" data-label={t("deployment.plan.size")}>
                  {format.number(v.sampleSize)}
                </td>
                <td data-label={t("deployment.versions.created")}>{format.dateTime(v.createdAt)}</td>
                <td>
                  {v.status !== "discarded" && (
                    <button
                      type="button"
                      className="button button--small"
                      aria-pressed={shown === v.version}
                      onClick={() => setShown(shown === v.version ? null : v.version)}
                    >
                      {t("deployment.versions.showEstimates", { version: v.version })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown !== null && <EstimatesUnderPlan missionId={missionId} version={shown} />}
    </div>
  );
}

/** Every indicator's overall estimate under one plan version. */
function EstimatesUnderPlan({ missionId, version }: { missionId: string; version: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const estimates = useEstimates(missionId, undefined, version);
  if (estimates.isPending) return <LoadingPanel />;
  if (estimates.isError)
    return <ErrorPanel error={estimates.error} onRetry={() => void estimates.refetch()} />;
  const percent = (x: number) => `${format.number(Math.round(x * 1000) / 10)}%`;
  return (
    <div className="table-wrap">
      <table className="table deployment-compact">
        <caption>{t("deployment.versions.estimatesCaption", { version })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("deployment.versions.indicator")}</th>
            <th scope="col" className="num">
              {t("deployment.versions.value")}
            </th>
            <th scope="col" className="num">
              {t("deployment.versions.basis")}
            </th>
          </tr>
        </thead>
        <tbody>
          {estimates.data.indicators.map((indicator) => {
            const e = indicator.overall.estimate;
            return (
              <tr key={indicator.code}>
                <th scope="row">{format.localized(indicator.definition.name).text}</th>
                <td className="num">
                  {e === null
                    ? indicator.overall.reason === null
                      ? "—"
                      : reasonText(indicator.overall.reason, t)
                    : e.kind === "proportion"
                      ? percent(e.value)
                      : format.number(Math.round(e.value * 100) / 100)}
                </td>
                <td className="num">
                  {e === null ? "" : `${format.number(e.numerator)} / ${format.number(e.denominator)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
