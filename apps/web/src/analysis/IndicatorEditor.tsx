import { FORM_KINDS, indicatorQuestionNames, type LocalizedText } from "@scrutiny/domain";
import { useIsFetching } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/client.ts";
import { useForms } from "../api/queries.ts";
import { formLanguage, pickText, questionIndex } from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { type IndicatorDefinition, useSaveIndicator } from "./api.ts";
import { expressionProblem } from "./expressionProblem.ts";
import { checkIndicator, type IndicatorProblem } from "./indicatorCheck.ts";

/** An indicator as the editor loads it: its code, current version and definition. */
export interface EditedIndicator {
  readonly code: string;
  readonly version: number;
  readonly definition: IndicatorDefinition;
}

/** The language the shown name is in: the reader's when the indicator has one, else its first. */
function nameLanguage(name: Readonly<Record<string, string>>, language: string): string {
  return name[language] !== undefined ? language : (Object.keys(name)[0] ?? language);
}

/**
 * Defining a new indicator, or a new version of one loaded with Edit: every field of its
 * definition is loaded, and what the editor does not show (names in other languages, an
 * assessment scale, the phases' order) is kept, so saving it unchanged makes no new version.
 */
export function IndicatorEditor({
  electionId,
  missionId,
  phases,
  editing,
  onNew,
}: {
  electionId: string;
  missionId: string;
  phases: readonly { code: string; name: LocalizedText }[];
  /** The indicator loaded with Edit (the editor is mounted anew for each). */
  editing?: EditedIndicator | undefined;
  /** Leave the loaded indicator and start a new one. */
  onNew?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const loaded = editing?.definition;
  const save = useSaveIndicator(missionId);
  const forms = useForms(electionId);
  const recomputing = useIsFetching({ queryKey: ["analysis", missionId, "estimates"] }) > 0;
  const listId = useId();
  const kindNames = {
    share: t("analysis.kinds.share"),
    mean: t("analysis.kinds.mean"),
    median: t("analysis.kinds.median"),
    incidents: t("analysis.kinds.incidents"),
  };
  const language = loaded ? nameLanguage(loaded.name, format.language) : format.language;
  const [code, setCode] = useState(editing?.code ?? "");
  const [name, setName] = useState(loaded?.name[language] ?? "");
  const [kind, setKind] = useState<IndicatorDefinition["kind"]>(loaded?.kind ?? "share");
  const [unit, setUnit] = useState<"visit" | "station">(loaded?.unit ?? "visit");
  const [formKind, setFormKind] = useState(loaded?.formKind ?? "voting");
  const [expression, setExpression] = useState(
    loaded === undefined ? "" : loaded.kind === "share" ? loaded.condition : loaded.question,
  );
  // No phase ticked: every phase.
  const [counted, setCounted] = useState<ReadonlySet<string>>(new Set(loaded?.phases ?? []));
  const details = useRef<HTMLDetailsElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing === undefined || details.current === null) return;
    details.current.open = true;
    details.current.scrollIntoView({ block: "start" });
    nameInput.current?.focus({ preventScroll: true });
  }, [editing]);
  const [problems, setProblems] = useState<readonly IndicatorProblem[]>([]);
  // The questions the server accepts (the mission's forms of the chosen kind), with their labels.
  const questions = useMemo(
    () => indicatorQuestionNames(forms.data ?? [], formKind, missionId),
    [forms.data, formKind, missionId],
  );
  const labels = useMemo(() => {
    const found = new Map<string, string>();
    for (const form of forms.data ?? []) {
      if (form.kind !== formKind) continue;
      const language = formLanguage(form.definition, format.language);
      for (const [q, { question }] of questionIndex(form.definition)) {
        const label = pickText(question.label, language, form.definition)?.text;
        if (label !== undefined && !found.has(q)) found.set(q, label);
      }
    }
    return found;
  }, [forms.data, formKind, format.language]);
  const fieldName = (path: string): string => {
    const field = path.split(".")[0] ?? "";
    if (field === "name") return t("analysis.name");
    if (field === "condition") return t("analysis.condition");
    if (field === "question") return t("analysis.question");
    return field;
  };
  const problemText = (problem: IndicatorProblem): string => {
    switch (problem.kind) {
      case "code":
        return t("analysis.problems.code");
      case "unknown-question":
        return t("analysis.problems.unknownQuestion", { name: problem.name });
      case "reads-nothing":
        return t("analysis.problems.readsNothing");
      case "syntax": {
        const { key, values } = expressionProblem(problem.source, problem.error);
        return t("analysis.problems.syntax", {
          problem: t(`analysis.problems.syntaxKinds.${key}` as "analysis.problems.syntaxKinds.unexpected", {
            ...values,
          }),
          column: problem.error.offset + 1,
        });
      }
      case "invalid":
        return t("analysis.problems.invalid", { field: fieldName(problem.path) });
    }
  };
  // What the server refused, in the same terms (a question removed from the forms meanwhile).
  const refused: IndicatorProblem[] =
    save.isError && isApiError(save.error) && save.error.code === "unknown_question"
      ? (
          ((save.error.details as { issues?: { question?: string }[] } | undefined)?.issues ?? []) as {
            question?: string;
          }[]
        ).map((issue) => ({ kind: "unknown-question", name: issue.question ?? "" }))
      : [];
  const shown = problems.length > 0 ? problems : refused;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const before = loaded?.phases ?? [];
    const samePhases = before.length === counted.size && before.every((p) => counted.has(p));
    const common = {
      // The other languages' names stay as they were.
      name: { ...loaded?.name, [language]: name },
      unit,
      formKind,
      phases:
        counted.size === 0
          ? null
          : samePhases
            ? [...before]
            : phases.map((p) => p.code).filter((p) => counted.has(p)),
    };
    const definition: IndicatorDefinition =
      kind === "share"
        ? {
            kind,
            ...common,
            condition: expression,
            // An assessment scale is kept while the indicator stays a share over its question.
            assessment: loaded?.kind === "share" ? (loaded.assessment ?? null) : null,
          }
        : { kind, ...common, question: expression.trim() };
    const found = checkIndicator(code, definition, questions);
    setProblems(found);
    if (found.length === 0) save.mutate({ code, definition });
    else save.reset();
  };
  const unknownShown = shown.some((problem) => problem.kind === "unknown-question");
  return (
    <section aria-labelledby="editor-heading" className="analysis-section">
      <details className="card analysis-editor" ref={details}>
        <summary id="editor-heading">{t("analysis.editor")}</summary>
        {/* noValidate: every problem is named by the checks the server runs, in the page's language. */}
        <form onSubmit={submit} className="analysis-editor__form" noValidate data-testid="indicator-editor">
          {editing !== undefined && (
            <p className="analysis-editor__wide analysis-editor__editing" data-testid="editor-editing">
              {t("workspace.indicatorEdit.editing", {
                code: editing.code,
                // The version saved here since it was loaded, once there is one.
                version: save.data?.indicator.version ?? editing.version,
              })}{" "}
              <button type="button" className="button button--link" onClick={onNew}>
                {t("workspace.indicatorEdit.new")}
              </button>
            </p>
          )}
          <label>
            <span>{t("analysis.code")}</span>
            {/* A loaded indicator keeps its code: another code is another indicator. */}
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              readOnly={editing !== undefined}
              aria-describedby={`${listId}-code`}
            />
            <small id={`${listId}-code`} className="analysis-editor__hint">
              {t("analysis.problems.code")}
            </small>
          </label>
          <label>
            <span>{t("analysis.name")}</span>
            <input
              ref={nameInput}
              value={name}
              onChange={(e) => setName(e.target.value)}
              lang={language === format.language ? undefined : language}
            />
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
          <fieldset className="analysis-editor__phases">
            <legend>{t("workspace.indicatorEdit.phases")}</legend>
            {phases.map((p) => (
              <label key={p.code} className="checkbox">
                <input
                  type="checkbox"
                  checked={counted.has(p.code)}
                  onChange={(e) => {
                    const checked = e.target.checked;
                    setCounted((previous) => {
                      const next = new Set(previous);
                      if (checked) next.add(p.code);
                      else next.delete(p.code);
                      return next;
                    });
                  }}
                />
                <span>{format.localized(p.name).text || p.code}</span>
              </label>
            ))}
            <small className="analysis-editor__hint">{t("workspace.indicatorEdit.phasesHint")}</small>
          </fieldset>
          <label className="analysis-editor__wide">
            <span>{kind === "share" ? t("analysis.condition") : t("analysis.question")}</span>
            <input
              value={expression}
              onChange={(e) => setExpression(e.target.value)}
              list={listId}
              placeholder={kind === "share" ? t("analysis.conditionExample") : t("analysis.questionExample")}
              aria-describedby={`${listId}-questions`}
            />
            <datalist id={listId}>
              {[...questions].map((q) => (
                <option key={q} value={kind === "share" ? `\${${q}}` : q} />
              ))}
            </datalist>
          </label>
          <details
            className="analysis-editor__wide analysis-editor__questions"
            id={`${listId}-questions`}
            open={unknownShown || undefined}
          >
            <summary>{t("analysis.problems.questions", { count: questions.size })}</summary>
            <ul data-testid="editor-questions">
              {[...questions].map((q) => (
                <li key={q}>
                  <code>{q}</code>
                  {labels.has(q) && <span> · {labels.get(q)}</span>}
                </li>
              ))}
            </ul>
          </details>
          <div className="analysis-editor__actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {save.isPending ? t("analysis.saving") : t("analysis.save")}
            </button>
            <span role="status" aria-live="polite" data-testid="editor-status">
              {save.isPending && t("analysis.saving")}
              {save.isError && refused.length === 0 && (
                <span className="analysis-warning">{apiErrorText(save.error, t)}</span>
              )}
              {save.isSuccess &&
                (save.data.unchanged
                  ? t("analysis.unchanged", { version: save.data.indicator.version })
                  : `${t("analysis.saved", { version: save.data.indicator.version })}${recomputing ? ` ${t("analysis.recomputing")}` : ""}`)}
            </span>
          </div>
          {shown.length > 0 && (
            <ul className="analysis-editor__wide analysis-warning" role="alert" data-testid="editor-problems">
              {shown.map((problem) => (
                <li key={JSON.stringify(problem)}>
                  {problemText(problem)}
                  {problem.kind === "syntax" && (
                    <Marked source={problem.source} offset={problem.error.offset} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </form>
      </details>
    </section>
  );
}

/** The condition with the place of its error marked (a caret past the end when it ends early). */
function Marked({ source, offset }: { source: string; offset: number }) {
  const at = Math.min(offset, source.length);
  return (
    <code className="analysis-editor__marked" data-testid="syntax-place">
      {source.slice(0, at)}
      <mark>{source.charAt(at) || "\u2038"}</mark>
      {source.slice(at + 1)}
    </code>
  );
}
