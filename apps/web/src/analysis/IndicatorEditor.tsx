import { FORM_KINDS, type LocalizedText, walkItems } from "@scrutiny/domain";
import { type FormEvent, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForms } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";
import { type IndicatorDefinition, useSaveIndicator } from "./api.ts";
import { checkIndicator, type IndicatorProblem } from "./indicatorCheck.ts";

/** Defining a new indicator (or a new version of one) for the mission. */
export function IndicatorEditor({
  electionId,
  missionId,
  phases,
}: {
  electionId: string;
  missionId: string;
  phases: readonly { code: string; name: LocalizedText }[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const save = useSaveIndicator(missionId);
  const forms = useForms(electionId);
  const listId = useId();
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
  const [problems, setProblems] = useState<readonly IndicatorProblem[]>([]);
  // The questions of the election's forms of the chosen kind (every version the server has now).
  const questions = useMemo(() => {
    const names = new Set<string>();
    for (const form of forms.data ?? [])
      if (form.kind === formKind)
        // Questions, and repeats (read by any-instance() and count-instances()).
        walkItems(form.definition.items, (item) => {
          if (item.type !== "note" && item.type !== "group") names.add(item.name);
        });
    return names;
  }, [forms.data, formKind]);
  const problemText = (problem: IndicatorProblem): string => {
    if (problem.kind === "code") return t("analysis.problems.code");
    if (problem.kind === "unknown-question")
      return t("analysis.problems.unknownQuestion", { name: problem.name });
    if (problem.kind === "syntax")
      return t("analysis.problems.syntax", { message: problem.message, column: problem.offset + 1 });
    return t("analysis.problems.invalid", { field: problem.path, message: problem.message });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { name: { en: name, ru: name }, unit, formKind, phases: phase === "" ? null : [phase] };
    const definition: IndicatorDefinition =
      kind === "share"
        ? { kind, ...common, condition: expression, assessment: null }
        : { kind, ...common, question: expression };
    const found = checkIndicator(code, definition, questions);
    setProblems(found);
    if (found.length === 0) save.mutate({ code, definition });
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
              title={t("analysis.problems.code")}
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
            <select value={formKind} onChange={(e) => setFormKind(e.target.value)}>
              {FORM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`formKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("analysis.phase")}</span>
            <select value={phase} onChange={(e) => setPhase(e.target.value)}>
              <option value="">{t("analysis.allPhases")}</option>
              {phases.map((p) => (
                <option key={p.code} value={p.code}>
                  {format.localized(p.name).text || p.code}
                </option>
              ))}
            </select>
          </label>
          <label className="analysis-editor__wide">
            <span>{kind === "share" ? t("analysis.condition") : t("analysis.question")}</span>
            <input
              value={expression}
              onChange={(e) => setExpression(e.target.value)}
              required
              list={listId}
              aria-describedby={`${listId}-questions`}
            />
            <datalist id={listId}>
              {[...questions].map((q) => (
                <option key={q} value={kind === "share" ? `\${${q}}` : q} />
              ))}
            </datalist>
          </label>
          <details className="analysis-editor__wide analysis-editor__questions" id={`${listId}-questions`}>
            <summary>{t("analysis.problems.questions", { count: questions.size })}</summary>
            <ul>
              {[...questions].map((q) => (
                <li key={q}>
                  <code>{q}</code>
                </li>
              ))}
            </ul>
          </details>
          <div className="analysis-editor__actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {t("analysis.save")}
            </button>
            <span role="status" aria-live="polite" data-testid="editor-status">
              {save.isPending && t("analysis.saving")}
              {save.isError && <span className="analysis-warning">{save.error.message}</span>}
              {save.isSuccess &&
                !save.isPending &&
                (save.data.unchanged
                  ? t("analysis.unchanged", { version: save.data.indicator.version })
                  : t("analysis.saved", { version: save.data.indicator.version }))}
            </span>
          </div>
          {problems.length > 0 && (
            <ul className="analysis-editor__wide analysis-warning" role="alert" data-testid="editor-problems">
              {problems.map((problem) => (
                <li key={JSON.stringify(problem)}>{problemText(problem)}</li>
              ))}
            </ul>
          )}
        </form>
      </details>
    </section>
  );
}
