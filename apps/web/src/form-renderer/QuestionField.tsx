import { type Choice, choicesOf, type LocalizedText, type Question } from "@scrutiny/domain";
import { type ReactNode, useId } from "react";
import { pickText } from "../forms/formText.ts";
import { type Context, pathIn } from "./context.ts";
import { AttachmentInput, DateTimeInput, GeopointInput, NumberInput, RangeInput } from "./inputs.tsx";
import { issueText } from "./issues.ts";

export function Text({ text, context }: { text: LocalizedText | undefined; context: Context }) {
  if (text !== undefined && context.renderText !== undefined) return <>{context.renderText(text)}</>;
  const picked = pickText(text, context.language, context.form);
  if (picked === undefined) return null;
  return <span lang={picked.lang}>{picked.text}</span>;
}

/** The choices to show: the list, less what a choice filter leaves out, plus "other" for or_other. */
function shownChoices(question: Question, context: Context): readonly Choice[] {
  const all = choicesOf(context.form, question);
  const offered = context.check.offered.get(pathIn(context.scope, question.name));
  const kept = offered === undefined ? all : all.filter((choice) => offered.includes(choice.name));
  const orOther = (question.type === "select_one" || question.type === "select_multiple") && question.orOther;
  if (orOther !== true || kept.some((choice) => choice.name === "other")) return kept;
  return [...kept, { name: "other", label: { [context.language]: context.messages.otherChoice } }];
}

export function QuestionField({
  question,
  context,
  skipped,
  annotation,
}: {
  question: Question;
  context: Context;
  skipped: ReactNode;
  annotation: ReactNode;
}) {
  const id = useId();
  const { form, messages, scope } = context;
  const value = scope.answers[question.name] ?? null;
  const issue = context.check.byQuestion.get(pathIn(scope, question.name));
  const hintId = `${id}-hint`;
  const issueId = `${id}-issue`;
  const describedBy =
    [question.hint !== undefined ? hintId : "", issue !== undefined ? issueId : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const disabled = context.inSkipped === true;
  const className = [
    "fr-question",
    question.critical === true ? "fr-question--critical" : "",
    issue !== undefined ? "fr-question--issue" : "",
    disabled ? "fr-skipped" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const heading = (
    <>
      <Text text={question.label} context={context} />
      {(question.required === true || context.check.required.has(pathIn(scope, question.name))) && (
        <span className="fr-required" title={messages.required}>
          {" *"}
          <span className="fr-visually-hidden">{messages.required}</span>
        </span>
      )}
      {question.critical === true && <span className="fr-badge">{messages.critical}</span>}
      {skipped}
    </>
  );
  const after: ReactNode = (
    <>
      {question.hint !== undefined && (
        <p id={hintId} className="fr-hint">
          <Text text={question.hint} context={context} />
        </p>
      )}
      {issue !== undefined && (
        <p id={issueId} className="fr-issue" role="alert">
          {issueText(issue, question, form, context.language, messages)}
        </p>
      )}
      {annotation}
    </>
  );
  const answer = (next: Parameters<typeof scope.onAnswer>[1]) => scope.onAnswer(question.name, next);

  const choices = shownChoices(question, context);
  if (choices.length > 0 || "listName" in question) {
    const multiple = question.type === "select_multiple";
    const selected = Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
    return (
      <fieldset
        className={className}
        disabled={disabled}
        aria-describedby={describedBy}
        data-question={question.name}
      >
        <legend className="fr-label">{heading}</legend>
        <div
          className={
            question.type === "yes_no" || question.type === "assessment"
              ? "fr-choices fr-choices--row"
              : "fr-choices"
          }
        >
          {choices.map((choice) => (
            <label key={choice.name} className="fr-choice">
              <input
                type={multiple ? "checkbox" : "radio"}
                name={`${id}-${question.name}`}
                value={choice.name}
                checked={selected.includes(choice.name)}
                onChange={(event) => {
                  if (!multiple) answer(choice.name);
                  else
                    answer(
                      event.target.checked
                        ? [...selected, choice.name]
                        : selected.filter((name) => name !== choice.name),
                    );
                }}
              />
              <Text text={choice.label} context={context} />
            </label>
          ))}
        </div>
        {!multiple && selected.length > 0 && question.required !== true && (
          <button type="button" className="fr-clear" onClick={() => answer(null)}>
            {messages.clearChoice}
          </button>
        )}
        {selected.includes("other") && <OtherText question={question} context={context} />}
        {after}
      </fieldset>
    );
  }

  const inputId = `${id}-input`;
  const common = {
    id: inputId,
    name: question.name,
    disabled,
    "aria-describedby": describedBy,
    "aria-invalid": issue !== undefined,
  };
  let control: ReactNode;
  switch (question.type) {
    case "text":
      control = (
        <textarea
          {...common}
          className="fr-input fr-textarea"
          rows={3}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => answer(event.target.value)}
        />
      );
      break;
    case "barcode":
      control = (
        <input
          {...common}
          className="fr-input"
          type="text"
          autoComplete="off"
          value={typeof value === "string" ? value : ""}
          onChange={(event) => answer(event.target.value)}
        />
      );
      break;
    case "integer":
    case "decimal":
      control = (
        <NumberInput
          {...common}
          integer={question.type === "integer"}
          value={typeof value === "number" ? value : null}
          onChange={answer}
        />
      );
      break;
    case "range":
      control = (
        <RangeInput
          {...common}
          question={question}
          value={typeof value === "number" ? value : null}
          onChange={answer}
          messages={messages}
        />
      );
      break;
    case "time":
    case "date":
      control = (
        <input
          {...common}
          className="fr-input fr-input--short"
          type={question.type}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => answer(event.target.value)}
        />
      );
      break;
    case "datetime":
      control = (
        <DateTimeInput {...common} value={typeof value === "string" ? value : null} onChange={answer} />
      );
      break;
    case "geopoint":
      control = (
        <GeopointInput
          {...common}
          value={typeof value === "string" ? value : null}
          onChange={answer}
          messages={messages}
        />
      );
      break;
    case "acknowledge":
      control = (
        <label className="fr-choice">
          <input
            {...common}
            type="checkbox"
            checked={value === "OK"}
            onChange={(event) => answer(event.target.checked ? "OK" : null)}
          />
          {messages.acknowledge}
        </label>
      );
      break;
    case "image":
    case "audio":
    case "video":
    case "file":
      control = <AttachmentInput {...common} question={question} value={value} context={context} />;
      break;
    default:
      control = null;
  }
  return (
    <div className={className} data-question={question.name}>
      {question.type === "acknowledge" ? (
        <p className="fr-label">{heading}</p>
      ) : (
        <label className="fr-label" htmlFor={inputId}>
          {heading}
        </label>
      )}
      {control}
      {after}
    </div>
  );
}

/** or_other: the text that says what "other" is, stored as `<name>_other`. */
function OtherText({ question, context }: { question: Question; context: Context }) {
  const id = useId();
  const name = `${question.name}_other`;
  const value = context.scope.answers[name];
  const issue = context.check.byQuestion.get(pathIn(context.scope, name));
  return (
    <div className="fr-other">
      <label className="fr-hint" htmlFor={id}>
        {context.messages.otherText}
      </label>
      <input
        id={id}
        name={name}
        className="fr-input"
        type="text"
        aria-invalid={issue !== undefined}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => context.scope.onAnswer(name, event.target.value)}
      />
      {issue !== undefined && (
        <p className="fr-issue" role="alert">
          {issueText(issue, question, context.form, context.language, context.messages)}
        </p>
      )}
    </div>
  );
}
