import { choicesOf, type FormDefinition, type InputIssue, type Question } from "@scrutiny/domain";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Translate } from "../i18n/format.ts";
import { pickText } from "./formText.ts";
import { Logic } from "./PreviewItems.tsx";
import { ALL, type RenderContext, Texts } from "./previewText.tsx";

export function QuestionField({
  question,
  context,
  skipped,
}: {
  question: Question;
  context: RenderContext;
  skipped: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { form, language } = context;
  const isHidden = context.hidden.has(question.name);
  const value = context.answers[question.name] ?? null;
  const issue = context.issues.get(question.name);
  const choices = choicesOf(form, question);
  const disabled = isHidden;
  const className = [
    "question",
    question.critical === true ? "question--critical" : "",
    isHidden ? "is-skipped" : "",
    issue !== undefined ? "has-issue" : "",
  ]
    .filter((part) => part !== "")
    .join(" ");
  const hintId = `${id}-hint`;
  const issueId = `${id}-issue`;
  const describedBy =
    [question.hint !== undefined ? hintId : "", issue !== undefined ? issueId : ""]
      .filter(Boolean)
      .join(" ") || undefined;

  const marks = question.required === true || question.critical === true || skipped !== null;
  const heading = (
    <>
      <span className="question__text">
        <Texts text={question.label} form={form} language={language} />
      </span>
      {marks && (
        <span className="question__marks">
          {question.required === true && (
            <span className="required" title={t("preview.required")}>
              *<span className="visually-hidden">{t("preview.required")}</span>
            </span>
          )}
          {question.critical === true && <span className="badge badge--critical">{t("forms.critical")}</span>}
          {skipped}
        </span>
      )}
    </>
  );
  const after = (
    <>
      {question.hint !== undefined && (
        <p id={hintId} className="question__hint">
          <Texts text={question.hint} form={form} language={language} />
        </p>
      )}
      {issue !== undefined && (
        <p id={issueId} className="field__error" role="alert">
          {issueText(issue, question, form, language, t)}
        </p>
      )}
      <Logic item={question} context={context} />
    </>
  );

  if (choices.length > 0) {
    const multiple = question.type === "select_multiple";
    const selected = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    return (
      <fieldset className={className} disabled={disabled} aria-describedby={describedBy}>
        <legend className="question__label">{heading}</legend>
        <div className={question.type === "assessment" ? "choices choices--scale" : "choices"}>
          {choices.map((choice) => (
            <label key={choice.name} className="choice">
              <input
                type={multiple ? "checkbox" : "radio"}
                name={`${id}-${question.name}`}
                value={choice.name}
                checked={selected.includes(choice.name)}
                onChange={(event) => {
                  if (!multiple) context.setAnswer(question.name, choice.name);
                  else
                    context.setAnswer(
                      question.name,
                      event.target.checked
                        ? [...selected, choice.name]
                        : selected.filter((name) => name !== choice.name),
                    );
                }}
                onClick={() => {
                  // A second click on the chosen radio clears it, as the observer app allows.
                  if (!multiple && selected.includes(choice.name)) context.setAnswer(question.name, null);
                }}
              />
              <Texts text={choice.label} form={form} language={language} />
            </label>
          ))}
        </div>
        {after}
      </fieldset>
    );
  }

  const inputId = `${id}-input`;
  const common = {
    id: inputId,
    disabled,
    "aria-describedby": describedBy,
    "aria-invalid": issue !== undefined,
  };
  let control: ReactNode;
  if (question.type === "text") {
    control = (
      <textarea
        {...common}
        className="input textarea"
        rows={2}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => context.setAnswer(question.name, event.target.value)}
      />
    );
  } else if (question.type === "integer" || question.type === "decimal") {
    control = (
      <NumberInput
        {...common}
        integer={question.type === "integer"}
        min={question.min}
        max={question.max}
        value={typeof value === "number" ? value : null}
        onChange={(next) => context.setAnswer(question.name, next)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        className="input input--short"
        type={question.type === "time" ? "time" : "date"}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => context.setAnswer(question.name, event.target.value)}
      />
    );
  }
  return (
    <div className={className}>
      <label className="question__label" htmlFor={inputId}>
        {heading}
      </label>
      {control}
      {after}
    </div>
  );
}

/** A number field that keeps what is typed ("1.", "-") while the answer is a number or empty. */
function NumberInput({
  value,
  onChange,
  integer,
  min,
  max,
  ...rest
}: {
  id: string;
  disabled: boolean;
  "aria-describedby": string | undefined;
  "aria-invalid": boolean;
  value: number | null;
  onChange: (value: number | null) => void;
  integer: boolean;
  min: number | undefined;
  max: number | undefined;
}) {
  const [text, setText] = useState(value === null ? "" : String(value));
  return (
    <input
      {...rest}
      className="input input--short"
      type="number"
      inputMode={integer ? "numeric" : "decimal"}
      step={integer ? 1 : "any"}
      min={min}
      max={max}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = event.target.value.trim() === "" ? null : Number(event.target.value);
        onChange(parsed === null || Number.isNaN(parsed) ? null : parsed);
      }}
    />
  );
}

function issueText(
  issue: InputIssue,
  question: Question,
  form: FormDefinition,
  language: string,
  t: Translate,
): string {
  const wanted = language === ALL ? form.defaultLanguage : language;
  switch (issue.code) {
    case "below_min":
      return t("preview.issue.belowMin", { min: "min" in question ? question.min : "" });
    case "above_max":
      return t("preview.issue.aboveMax", { max: "max" in question ? question.max : "" });
    case "not_integer":
      return t("preview.issue.notInteger");
    case "too_long":
      return t("preview.issue.tooLong");
    case "constraint":
      return pickText(question.constraintMessage, wanted, form)?.text ?? t("preview.issue.constraint");
    default:
      return t("preview.issue.other");
  }
}
