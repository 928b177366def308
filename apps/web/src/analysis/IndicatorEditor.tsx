import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type IndicatorDefinition, useSaveIndicator } from "./api.ts";

/** Defining a new indicator (or a new version of one) for the mission. */
export function IndicatorEditor({ missionId, phases }: { missionId: string; phases: readonly string[] }) {
  const { t } = useTranslation();
  const save = useSaveIndicator(missionId);
  const kindNames = {
    share: t("analysis.kinds.share"),
    mean: t("analysis.kinds.mean"),
    median: t("analysis.kinds.median"),
    incidents: t("analysis.kinds.incidents"),
  };
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<IndicatorDefinition["kind"]>("share");
  const [unit, setUnit] = useState<"visit" | "station">("visit");
  const [formKind, setFormKind] = useState("voting");
  const [expression, setExpression] = useState("${ballot_box_sealed} = 'no'");
  const [phase, setPhase] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const definition: IndicatorDefinition = {
      kind,
      name: { en: name, ru: name },
      unit,
      formKind,
      phases: phase === "" ? null : [phase],
      ...(kind === "share" ? { condition: expression, assessment: null } : { question: expression }),
    };
    save.mutate({ code, definition });
  };
  return (
    <section aria-labelledby="editor-heading" className="analysis-section">
      <details className="card analysis-editor">
        <summary id="editor-heading">{t("analysis.editor")}</summary>
        <form onSubmit={submit} className="analysis-editor__form">
          <label>
            <span>{t("analysis.code")}</span>
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              pattern="[a-z0-9][a-z0-9_\-]*"
            />
          </label>
          <label>
            <span>{t("analysis.name")}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            <span>{t("analysis.kind")}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as IndicatorDefinition["kind"])}>
              {(["share", "mean", "median", "incidents"] as const).map((k) => (
                <option key={k} value={k}>
                  {kindNames[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("analysis.unitLabel")}</span>
            <select value={unit} onChange={(e) => setUnit(e.target.value as "visit" | "station")}>
              <option value="visit">{t("analysis.unit.visit")}</option>
              <option value="station">{t("analysis.unit.station")}</option>
            </select>
          </label>
          <label>
            <span>{t("analysis.formKind")}</span>
            <input value={formKind} onChange={(e) => setFormKind(e.target.value)} required />
          </label>
          <label>
            <span>{t("analysis.phase")}</span>
            <select value={phase} onChange={(e) => setPhase(e.target.value)}>
              <option value="">{t("analysis.allPhases")}</option>
              {phases.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label className="analysis-editor__wide">
            <span>{kind === "share" ? t("analysis.condition") : t("analysis.question")}</span>
            <input value={expression} onChange={(e) => setExpression(e.target.value)} required />
          </label>
          <div className="analysis-editor__actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {t("analysis.save")}
            </button>
            {save.isError && <span className="analysis-warning">{save.error.message}</span>}
            {save.isSuccess && <span>{t("analysis.saved", { version: save.data.indicator.version })}</span>}
          </div>
        </form>
      </details>
    </section>
  );
}
