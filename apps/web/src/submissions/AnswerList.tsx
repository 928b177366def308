import {
  ATTACHMENT_QUESTION_TYPES,
  type FormDefinition,
  type FormItem,
  isQuestion,
  scopeOf,
} from "@scrutiny/domain";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { StoredAnswer, Submission } from "../api/client.ts";
import { answerText, checkReferences, pickText, questionIndex, sameAnswer } from "../forms/formText.ts";
import type { Format } from "../i18n/format.ts";

type Answers = Readonly<Record<string, StoredAnswer>>;

const isInstance = (value: unknown): value is Answers =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A photo, recording or file of the report, served through the report (only attachments it refers
 * to are): a photo is shown, anything else is a download. The hash is what the receipt covers.
 */
function Attachment({
  submissionId,
  sha256,
  image,
  label,
}: {
  submissionId: string;
  sha256: string;
  image: boolean;
  label: string;
}) {
  const { t } = useTranslation();
  const url = `/api/v1/submissions/${encodeURIComponent(submissionId)}/attachments/${encodeURIComponent(sha256)}`;
  return (
    <span className="answer-attachment" data-attachment={sha256}>
      {image ? (
        <a href={url} target="_blank" rel="noreferrer">
          <img className="answer-attachment__image" src={url} alt={label} loading="lazy" />
        </a>
      ) : (
        <a href={url} download>
          {t("submission.downloadAttachment")}
        </a>
      )}
      <code className="answer-attachment__hash" title={sha256}>
        SHA-256 {sha256.slice(0, 12)}…
      </code>
    </span>
  );
}
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
  const scope = scopeOf(form);
  const keyOf = (item: FormItem) => scope.of(item)?.key ?? item.name;
  const known = new Set(scope.items.filter((s) => s.repeat === undefined).map((s) => s.key));
  const unknown = Object.keys(submission.answers).filter((name) => !known.has(name));

  /** The items of one answer scope: the report itself, or one instance of a repeat. */
  const renderItems = (items: readonly FormItem[], answers: Answers, at: string): ReactNode[] =>
    items.flatMap((item) => {
      if (item.type === "note") return [];
      if (item.type === "group" || item.type === "repeat") {
        const label = pickText(item.label, language, form);
        const title = label !== undefined && (
          <h3 className="answer-group__title" lang={label.lang}>
            {label.text}
          </h3>
        );
        if (item.type === "group") {
          const inner = renderItems(item.items, answers, at);
          if (inner.length === 0) return [];
          return [
            <div key={item.name} className="answer-group">
              {title}
              <dl className="answers">{inner}</dl>
            </div>,
          ];
        }
        // A repeat: each instance in its own block, numbered as the observer filled them.
        const value = answers[keyOf(item)];
        const instances = Array.isArray(value) ? value.filter(isInstance) : [];
        if (instances.length === 0) return [];
        return [
          <div key={item.name} className="answer-group" data-repeat={item.name}>
            {title}
            {instances.map((instance, index) => {
              const path = `${at}${item.name}/${index}`;
              return (
                <section
                  // biome-ignore lint/suspicious/noArrayIndexKey: instances have no identity but their position
                  key={index}
                  className="answer-instance"
                  data-repeat-instance={path}
                  aria-label={t("submission.instance", { label: label?.text ?? item.name, n: index + 1 })}
                >
                  <h4 className="answer-instance__title">
                    {t("submission.instance", { label: label?.text ?? item.name, n: index + 1 })}
                  </h4>
                  <dl className="answers">{renderItems(item.items, instance, `${path}/`)}</dl>
                </section>
              );
            })}
          </div>,
        ];
      }
      if (!isQuestion(item)) return [];
      const label = pickText(item.label, language, form);
      const value = answers[keyOf(item)];
      const isAttachment =
        (ATTACHMENT_QUESTION_TYPES as readonly string[]).includes(item.type) && typeof value === "string";
      const text = isAttachment ? undefined : answerText(form, item, value, language, format.number);
      const isFlagged = flagged.has(item.name);
      return [
        <div
          key={item.name}
          className={
            isFlagged
              ? "answer is-flagged"
              : text === undefined && !isAttachment
                ? "answer is-empty"
                : "answer"
          }
        >
          <dt lang={label?.lang}>
            {label?.text ?? item.name}
            {item.critical === true && <span className="badge badge--critical">{t("forms.critical")}</span>}
          </dt>
          <dd>
            {isAttachment ? (
              <Attachment
                submissionId={submission.id}
                sha256={value}
                image={item.type === "image"}
                label={label?.text ?? item.name}
              />
            ) : text === undefined ? (
              <span className="muted">{t("submission.noAnswer")}</span>
            ) : (
              text
            )}
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
    const rendered = renderItems([item], submission.answers, "");
    if (item.type === "group" || item.type === "repeat") {
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
