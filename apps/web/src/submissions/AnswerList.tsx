import { type FormDefinition, type FormItem, isQuestion } from "@scrutiny/domain";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { StoredAnswer, Submission } from "../api/client.ts";
import { answerText, checkReferences, pickText, questionIndex, sameAnswer } from "../forms/formText.ts";
import type { Format } from "../i18n/format.ts";

type Answers = Readonly<Record<string, StoredAnswer>>;
/** The answers in the form's order, grouped as the form groups them, flagged ones marked. */
export function AnswerList({
  form,
  submission,
  language,
  format,
}: {
  form: FormDefinition;
  submission: Submission;
  language: string;
  format: Format;
}) {
  const { t } = useTranslation();
  const flagged = new Set(submission.flags.flatMap((flag) => checkReferences(form, flag.checkId)));
  const known = questionIndex(form);
  const unknown = Object.keys(submission.answers).filter((name) => !known.has(name));

  const renderItems = (items: readonly FormItem[]): ReactNode[] =>
    items.flatMap((item) => {
      if (item.type === "note") return [];
      if (item.type === "group") {
        const inner = renderItems(item.items);
        if (inner.length === 0) return [];
        const label = pickText(item.label, language, form);
        return [
          <div key={item.name} className="answer-group">
            {label !== undefined && (
              <h3 className="answer-group__title" lang={label.lang}>
                {label.text}
              </h3>
            )}
            <dl className="answers">{inner}</dl>
          </div>,
        ];
      }
      if (!isQuestion(item)) return [];
      const label = pickText(item.label, language, form);
      const value = submission.answers[item.name];
      const text = answerText(form, item, value, language, format.number);
      const isFlagged = flagged.has(item.name);
      return [
        <div
          key={item.name}
          className={isFlagged ? "answer is-flagged" : text === undefined ? "answer is-empty" : "answer"}
        >
          <dt lang={label?.lang}>
            {label?.text ?? item.name}
            {item.critical === true && <span className="badge badge--critical">{t("forms.critical")}</span>}
          </dt>
          <dd>
            {text === undefined ? <span className="muted">{t("submission.noAnswer")}</span> : text}
            {isFlagged && (
              <span className="answer__flag">
                <span aria-hidden="true">⚑ </span>
                {t("submission.flaggedAnswer")}
              </span>
            )}
          </dd>
        </div>,
      ];
    });

  // Top-level questions go into their own list; groups carry theirs.
  const blocks: ReactNode[] = [];
  let loose: ReactNode[] = [];
  const flush = () => {
    if (loose.length > 0) {
      blocks.push(
        <dl key={`loose-${blocks.length}`} className="answers">
          {loose}
        </dl>,
      );
      loose = [];
    }
  };
  for (const item of form.items) {
    const rendered = renderItems([item]);
    if (item.type === "group") {
      flush();
      blocks.push(...rendered);
    } else loose.push(...rendered);
  }
  flush();

  return (
    <div className="card__body answer-blocks">
      {blocks}
      {unknown.length > 0 && (
        <div className="answer-group">
          <h3 className="answer-group__title">{t("submission.unknownQuestions")}</h3>
          <dl className="answers">
            {unknown.map((name) => (
              <div key={name} className="answer">
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>{JSON.stringify(submission.answers[name])}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}

/** What a revision changed: each question whose answer differs from the previous revision. */
export function Changes({
  form,
  before,
  after,
  language,
  format,
}: {
  form: FormDefinition;
  before: Answers;
  after: Answers;
  language: string;
  format: Format;
}) {
  const { t } = useTranslation();
  const index = questionIndex(form);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => !sameAnswer(before[name], after[name]),
  );
  if (names.length === 0) return <p className="history__changes muted">{t("submission.noChanges")}</p>;
  const shown = (name: string, value: StoredAnswer | undefined, Tag: "del" | "ins") => {
    const question = index.get(name)?.question;
    const text =
      question === undefined
        ? value == null
          ? undefined
          : String(value)
        : answerText(form, question, value, language, format.number);
    return text === undefined ? <span className="muted">{t("submission.noAnswer")}</span> : <Tag>{text}</Tag>;
  };
  return (
    <ul className="history__changes" aria-label={t("submission.changes")}>
      {names.map((name) => {
        const question = index.get(name)?.question;
        const label = question === undefined ? undefined : pickText(question.label, language, form);
        return (
          <li key={name}>
            <span className="change__question">{label?.text ?? name}</span>
            <span className="change__values">
              {shown(name, before[name], "del")}
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> {t("submission.changedTo")} </span>
              {shown(name, after[name], "ins")}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
