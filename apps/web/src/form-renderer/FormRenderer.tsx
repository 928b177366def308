import {
  type AnswerValue,
  checkSubmission,
  choicesOf,
  type FormDefinition,
  type FormItem,
  type LocalizedText,
  type Question,
} from "@scrutiny/domain";
import { type ReactNode, useId, useState } from "react";
import { pickText } from "../forms/formText.ts";
import { issueText, type LiveCheck } from "./issues.ts";
import type { RendererMessages } from "./messages.ts";

export type Answers = Readonly<Record<string, AnswerValue>>;

export interface FormRendererProps {
  readonly form: FormDefinition;
  /** One of the form's languages (see formLanguage). */
  readonly language: string;
  readonly answers: Answers;
  /** null, "" and [] mean "no answer". */
  readonly onAnswer: (name: string, value: AnswerValue) => void;
  readonly check: LiveCheck;
  readonly messages: RendererMessages;
  /** Photos and files: without it, attachment questions say they cannot be answered here. */
  readonly attachments?: AttachmentHandler;
  /** Show what skip logic hides, greyed out and marked (a form designer's preview), instead of leaving it out. */
  readonly showSkipped?: boolean;
  /** Shown after each item (a preview's logic annotations). */
  readonly annotate?: (item: FormItem) => ReactNode;
  /** Renders the form's own texts (a preview shows every language at once); default: the chosen language. */
  readonly renderText?: (text: LocalizedText) => ReactNode;
}

/** Keeps a chosen file (the answer is its SHA-256) and shows it again from its hash. */
export interface AttachmentHandler {
  readonly add: (file: File) => Promise<string>;
  /** An object URL for an image preview, when the file is at hand. */
  readonly previewUrl: (sha256: string) => string | undefined;
}

interface Context extends FormRendererProps {
  readonly hidden: ReadonlySet<string>;
  /** Inside something skip logic hides (shown only with showSkipped): controls are disabled. */
  readonly inSkipped?: boolean;
}

/**
 * A form as the person filling it in sees it: questions in order, skip logic applied (hidden
 * questions are not shown), the domain's validation shown at each question. Controlled: the
 * answers live with the caller, who saves drafts and sends them.
 */
export function FormRenderer(props: FormRendererProps) {
  const hidden = props.check.skipped;
  return (
    <div className="fr">
      <Items items={props.form.items} context={{ ...props, hidden }} />
    </div>
  );
}

/** The answers without those skip logic hides now (the server rejects answers to skipped questions). */
export function answersToSend(form: FormDefinition, answers: Answers): Record<string, AnswerValue> {
  const hidden = checkSubmission(form, answers).skipped;
  const out: Record<string, AnswerValue> = {};
  for (const [name, value] of Object.entries(answers)) {
    if (hidden.has(name) || value === null || value === "" || (Array.isArray(value) && value.length === 0))
      continue;
    out[name] = value;
  }
  return out;
}

function Text({ text, context }: { text: LocalizedText | undefined; context: Context }) {
  if (text !== undefined && context.renderText !== undefined) return <>{context.renderText(text)}</>;
  const picked = pickText(text, context.language, context.form);
  if (picked === undefined) return null;
  return <span lang={picked.lang}>{picked.text}</span>;
}

function Items({ items, context }: { items: readonly FormItem[]; context: Context }) {
  return (
    <>
      {items.map((item) => (
        <Item key={item.name} item={item} context={context} />
      ))}
    </>
  );
}

function Item({ item, context: outer }: { item: FormItem; context: Context }) {
  const isHidden = outer.inSkipped === true || outer.hidden.has(item.name);
  if (isHidden && outer.showSkipped !== true) return null;
  // Repeats (answers as arrays of instances) are not rendered by this renderer yet.
  if (item.type === "repeat") return null;
  const context: Context = isHidden ? { ...outer, inSkipped: true } : outer;
  const skipped = isHidden ? (
    <span className="fr-badge fr-badge--skipped">{context.messages.skipped}</span>
  ) : null;
  const annotation = context.annotate?.(item);
  if (item.type === "group") {
    return (
      <section className={isHidden ? "fr-group fr-skipped" : "fr-group"} data-item={item.name}>
        {item.label !== undefined && (
          <h2 className="fr-group__title">
            <Text text={item.label} context={context} /> {skipped}
          </h2>
        )}
        {annotation}
        <Items items={item.items} context={context} />
      </section>
    );
  }
  if (item.type === "note") {
    return (
      <div className={isHidden ? "fr-note fr-skipped" : "fr-note"} data-item={item.name}>
        <p>
          <Text text={item.label} context={context} /> {skipped}
        </p>
        {item.hint !== undefined && (
          <p className="fr-hint">
            <Text text={item.hint} context={context} />
          </p>
        )}
        {annotation}
      </div>
    );
  }
  return <QuestionField question={item} context={context} skipped={skipped} annotation={annotation} />;
}

function QuestionField({
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
  const { form, messages } = context;
  const value = context.answers[question.name] ?? null;
  const issue = context.check.byQuestion.get(question.name);
  const choices = choicesOf(form, question);
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
      {question.required === true && (
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

  if (choices.length > 0) {
    const multiple = question.type === "select_multiple";
    const selected = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
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
                  if (!multiple) context.onAnswer(question.name, choice.name);
                  else
                    context.onAnswer(
                      question.name,
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
          <button type="button" className="fr-clear" onClick={() => context.onAnswer(question.name, null)}>
            {messages.clearChoice}
          </button>
        )}
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
  if (question.type === "text") {
    control = (
      <textarea
        {...common}
        className="fr-input fr-textarea"
        rows={3}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => context.onAnswer(question.name, event.target.value)}
      />
    );
  } else if (question.type === "integer" || question.type === "decimal") {
    control = (
      <NumberInput
        {...common}
        integer={question.type === "integer"}
        value={typeof value === "number" ? value : null}
        onChange={(next) => context.onAnswer(question.name, next)}
      />
    );
  } else if (
    question.type === "image" ||
    question.type === "audio" ||
    question.type === "video" ||
    question.type === "file"
  ) {
    control = <AttachmentInput {...common} question={question} value={value} context={context} />;
  } else if (question.type === "time" || question.type === "date") {
    control = (
      <input
        {...common}
        className="fr-input fr-input--short"
        type={question.type}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => context.onAnswer(question.name, event.target.value)}
      />
    );
  }
  return (
    <div className={className} data-question={question.name}>
      <label className="fr-label" htmlFor={inputId}>
        {heading}
      </label>
      {control}
      {after}
    </div>
  );
}

/** Keeps what is typed ("1.", "-") while the answer is a number or empty. */
function NumberInput({
  value,
  onChange,
  integer,
  ...rest
}: {
  id: string;
  name: string;
  disabled: boolean;
  "aria-describedby": string | undefined;
  "aria-invalid": boolean;
  value: number | null;
  onChange: (value: number | null) => void;
  integer: boolean;
}) {
  const [text, setText] = useState(value === null ? "" : String(value));
  return (
    <input
      {...rest}
      className="fr-input fr-input--short"
      type="text"
      inputMode={integer ? "numeric" : "decimal"}
      autoComplete="off"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const trimmed = event.target.value.trim().replace(",", ".");
        const parsed = trimmed === "" ? null : Number(trimmed);
        onChange(parsed === null || Number.isNaN(parsed) ? null : parsed);
      }}
    />
  );
}

const ACCEPT: Readonly<Record<string, string>> = {
  image: "image/*",
  audio: "audio/*",
  video: "video/*",
  file: "",
};

/** A photo (camera first on phones) or file; the answer is its SHA-256, the bytes stay with the caller. */
function AttachmentInput({
  question,
  value,
  context,
  ...rest
}: {
  id: string;
  name: string;
  disabled: boolean;
  "aria-describedby": string | undefined;
  "aria-invalid": boolean;
  question: Question;
  value: AnswerValue;
  context: Context;
}) {
  const [busy, setBusy] = useState(false);
  const handler = context.attachments;
  if (handler === undefined) return <p className="fr-hint">{context.messages.attachmentUnavailable}</p>;
  const hash = typeof value === "string" ? value : undefined;
  const preview = hash === undefined ? undefined : handler.previewUrl(hash);
  return (
    <div className="fr-attachment">
      <input
        {...rest}
        className="fr-input"
        type="file"
        accept={ACCEPT[question.type] || undefined}
        capture={question.type === "image" ? "environment" : undefined}
        disabled={busy || rest.disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file === undefined) return;
          setBusy(true);
          void handler
            .add(file)
            .then((sha256) => context.onAnswer(question.name, sha256))
            .finally(() => setBusy(false));
        }}
      />
      {hash !== undefined && (
        <p className="fr-hint" data-attachment={hash}>
          {preview !== undefined && question.type === "image" && (
            <img className="fr-preview" src={preview} alt="" />
          )}
          {context.messages.attached}
        </p>
      )}
    </div>
  );
}
