// Drawing the deployment plan: design, strata, allocation, size, seed and reserves; then the
// proposed version to confirm, the current plan with its stratum sizes N_h and n_h and inclusion
// probabilities, and the earlier versions.
import type { SamplePlanRequestInput } from "@scrutiny/domain";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { attributeName, levelName } from "../ui/variableNames.ts";
import { issuesOf, type Plan, useDrawPlan, useFrameVariables, useImportPlan, usePlan } from "./api.ts";
import { IssueList } from "./IssueList.tsx";
import { PlanHistory, ProposedPlan } from "./PlanVersions.tsx";

type Design = "simple_random" | "stratified" | "convenience";

export function SamplePlan({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const plan = usePlan(missionId);
  return (
    <section className="card" aria-labelledby="sample-plan">
      <h2 id="sample-plan" className="card__title">
        {t("deployment.plan.title")}
      </h2>
      <p className="card__hint">{t("deployment.plan.hint")}</p>
      <PlanForm missionId={missionId} />
      <SampleImport missionId={missionId} />
      {plan.isPending ? (
        <LoadingPanel />
      ) : plan.isError ? (
        <ErrorPanel error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <>
          {plan.data.proposed !== null && (
            <ProposedPlan missionId={missionId} proposed={plan.data.proposed} current={plan.data.plan} />
          )}
          {plan.data.plan === null ? (
            <p className="muted">{t("deployment.plan.none")}</p>
          ) : (
            <CurrentPlan plan={plan.data.plan} />
          )}
          <PlanHistory missionId={missionId} />
        </>
      )}
    </section>
  );
}

function PlanForm({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const frame = useFrameVariables(missionId);
  const draw = useDrawPlan(missionId);
  const [design, setDesign] = useState<Design>("stratified");
  const [strata, setStrata] = useState<string[]>(["region"]);
  const [allocation, setAllocation] = useState<"proportional" | "fixed">("proportional");
  const [size, setSize] = useState("100");
  const [seed, setSeed] = useState(() => String(Math.floor(Math.random() * 1_000_000)));
  const [reserve, setReserve] = useState("1");
  const [codes, setCodes] = useState("");
  const id = useId();
  const variables = [
    ...(frame.data?.levels ?? []).map((v) => ({ ...v, name: levelName(v.key, t) })),
    ...(frame.data?.attributes ?? []).map((v) => ({ ...v, name: attributeName(v.key, t) })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let request: SamplePlanRequestInput;
    if (design === "convenience")
      request = {
        design,
        stationCodes: codes
          .split(/[\s,;]+/)
          .map((c) => c.trim())
          .filter((c) => c !== ""),
      };
    else if (design === "simple_random")
      request = { design, size: Number(size), seed: Number(seed), reserve: Number(reserve) };
    else
      request = {
        design,
        strata,
        allocation,
        size: Number(size),
        seed: Number(seed),
        reserve: Number(reserve),
      };
    draw.mutate(request);
  };

  return (
    <form className="deployment-form" onSubmit={submit}>
      <div className="deployment-grid">
        <div className="field">
          <label htmlFor={`${id}-design`}>{t("deployment.plan.design")}</label>
          <select
            id={`${id}-design`}
            className="select"
            value={design}
            onChange={(e) => setDesign(e.currentTarget.value as Design)}
          >
            <option value="simple_random">{t("design.simple_random.label")}</option>
            <option value="stratified">{t("design.stratified.label")}</option>
            <option value="convenience">{t("design.convenience.label")}</option>
          </select>
        </div>
        {design === "stratified" && (
          <div className="field">
            <label htmlFor={`${id}-allocation`}>{t("deployment.plan.allocation")}</label>
            <select
              id={`${id}-allocation`}
              className="select"
              value={allocation}
              onChange={(e) => setAllocation(e.currentTarget.value === "fixed" ? "fixed" : "proportional")}
            >
              <option value="proportional">{t("deployment.plan.proportional")}</option>
              <option value="fixed">{t("deployment.plan.fixed")}</option>
            </select>
          </div>
        )}
        {design !== "convenience" && (
          <>
            <div className="field">
              <label htmlFor={`${id}-size`}>{t("deployment.plan.size")}</label>
              <input
                id={`${id}-size`}
                className="input"
                type="number"
                min={1}
                required
                value={size}
                onChange={(e) => setSize(e.currentTarget.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-seed`}>{t("deployment.plan.seed")}</label>
              <input
                id={`${id}-seed`}
                className="input"
                type="number"
                min={0}
                required
                value={seed}
                onChange={(e) => setSeed(e.currentTarget.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-reserve`}>
                {design === "stratified"
                  ? t("deployment.plan.reservePerStratum")
                  : t("deployment.plan.reserve")}
              </label>
              <input
                id={`${id}-reserve`}
                className="input"
                type="number"
                min={0}
                value={reserve}
                onChange={(e) => setReserve(e.currentTarget.value)}
              />
            </div>
          </>
        )}
      </div>
      {design === "stratified" && (
        <fieldset className="deployment-strata">
          <legend>{t("deployment.plan.strata")}</legend>
          {variables.length === 0 && <p className="muted">{t("deployment.plan.noVariables")}</p>}
          {variables.map((v) => (
            <label key={v.key} className="deployment-check">
              <input
                type="checkbox"
                checked={strata.includes(v.key)}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setStrata((previous) =>
                    checked ? [...previous, v.key] : previous.filter((key) => key !== v.key),
                  );
                }}
              />
              {t("deployment.plan.variable", { name: v.name, count: v.values })}
            </label>
          ))}
        </fieldset>
      )}
      {design === "convenience" && (
        <div className="field">
          <label htmlFor={`${id}-codes`}>{t("deployment.plan.stationCodes")}</label>
          <textarea
            id={`${id}-codes`}
            className="input"
            rows={4}
            value={codes}
            onChange={(e) => setCodes(e.currentTarget.value)}
          />
          <p className="design-note design-note--warn">{t("design.convenience.note")}</p>
        </div>
      )}
      {draw.isError && (
        <div className="callout callout--danger" role="alert">
          <p>{apiErrorText(draw.error, t)}</p>
        </div>
      )}
      <button
        type="submit"
        className="button button--primary"
        disabled={draw.isPending || (design === "stratified" && strata.length === 0)}
      >
        {draw.isPending ? t("deployment.plan.drawing") : t("deployment.plan.draw")}
      </button>
    </form>
  );
}

/**
 * A sample drawn elsewhere: the stations with their inclusion probabilities (or strata), and the
 * strata with N_h and n_h if the design had them. Every problem is listed with its file and line.
 */
function SampleImport({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const importPlan = useImportPlan(missionId);
  const [stations, setStations] = useState<File | null>(null);
  const [strata, setStrata] = useState<File | null>(null);
  const id = useId();
  const issues = issuesOf(importPlan.error);
  const inFile = (file: "stations" | "strata") =>
    issues.filter((issue) => (issue.path?.[1] ?? "stations") === file);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (stations === null) return;
    importPlan.mutate({
      stations: await stations.text(),
      ...(strata === null ? {} : { strata: await strata.text() }),
    });
  };

  return (
    <form className="deployment-form" onSubmit={(event) => void submit(event)} data-testid="sample-import">
      <h3>{t("deployment.plan.importTitle")}</h3>
      <p className="card__hint">{t("deployment.plan.importHint")}</p>
      <div className="deployment-grid">
        <div className="field">
          <label htmlFor={`${id}-stations`}>{t("deployment.plan.stationsFile")}</label>
          <input
            id={`${id}-stations`}
            type="file"
            className="input"
            accept=".csv,text/csv"
            required
            onChange={(e) => setStations(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-strata`}>{t("deployment.plan.strataFile")}</label>
          <input
            id={`${id}-strata`}
            type="file"
            className="input"
            accept=".csv,text/csv"
            onChange={(e) => setStrata(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
      </div>
      {importPlan.isError && (
        <div className="callout callout--danger" role="alert">
          {issues.length === 0 ? (
            <p>{apiErrorText(importPlan.error, t)}</p>
          ) : (
            (["stations", "strata"] as const).map((file) =>
              inFile(file).length === 0 ? null : (
                <div key={file} data-file={file}>
                  <p>
                    {file === "stations"
                      ? t("deployment.plan.inStationsFile")
                      : t("deployment.plan.inStrataFile")}
                  </p>
                  <IssueList issues={inFile(file)} />
                </div>
              ),
            )
          )}
        </div>
      )}
      <button type="submit" className="button" disabled={importPlan.isPending || stations === null}>
        {importPlan.isPending ? t("deployment.plan.importing") : t("deployment.plan.import")}
      </button>
    </form>
  );
}

function CurrentPlan({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reserves = plan.strata.reduce((sum, s) => sum + s.reserveSize, 0);
  return (
    <div className="deployment-plan">
      <h3>{t("deployment.plan.current", { version: plan.version })}</h3>
      <p>
        {t("deployment.plan.summary", {
          design: t(`design.${plan.design}.label`),
          sample: format.number(plan.sampleSize),
          frame: format.number(plan.frameSize),
          reserves: format.number(reserves),
        })}
        {plan.seed !== null && ` ${t("deployment.plan.seedIs", { seed: plan.seed })}`}
      </p>
      {plan.strata.length > 0 && (
        <TableRegion>
          <table className="table table--stack deployment-compact">
            <caption className="visually-hidden">{t("deployment.plan.strataCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("deployment.plan.stratum")}</th>
                <th scope="col" className="num">
                  N<sub>h</sub>
                </th>
                <th scope="col" className="num">
                  n<sub>h</sub>
                </th>
                <th scope="col" className="num">
                  {t("deployment.plan.reserves")}
                </th>
                <th scope="col" className="num">
                  π
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.strata.map((s) => (
                <tr key={s.stratum}>
                  <th scope="row">{s.stratum || t("deployment.plan.allStations")}</th>
                  <td className="num" data-label="N_h">
                    {format.number(s.populationSize)}
                  </td>
                  <td className="num" data-label="n_h">
                    {format.number(s.sampleSize)}
                  </td>
                  <td className="num" data-label={t("deployment.plan.reserves")}>
                    {format.number(s.reserveSize)}
                  </td>
                  <td className="num" data-label="π">
                    {(s.sampleSize / s.populationSize).toFixed(3)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
