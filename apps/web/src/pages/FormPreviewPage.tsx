import {
  type AnswerValue,
  checkSubmission,
  choicesOf,
  type FormDefinition,
  type FormItem,
  type InputIssue,
  isQuestion,
  type LocalizedText,
  type Question,
} from "@scrutiny/domain";
import { Fragment, type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { type FormSummary, isApiError, xlsFormUrl } from "../api/client.ts";
import { useForms, useFormVersion } from "../api/queries.ts";
import { formLanguage, hiddenItems, pickText, questionCount } from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { useDocumentTitle } from "../ui/submission.tsx";

const ALL = "*";
type Answers = Record<string, AnswerValue>;

/** `/elections/:electionId/forms/:formId[?version=n]`: a form as an observer fills it in. */
export function FormPreviewPage() {
  const { electionId = "", formId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const forms = useForms(electionId);
  const summary = forms.data?.find((form) => form.formId === formId);
  const asked = Number.parseInt(params.get("version") ?? "", 10);
  const version = Number.isInteger(asked) && asked > 0 ? asked : summary?.version;
  const formVersion = useFormVersion(version === undefined ? undefined : formId, version);
  const back = (
    <Link to={`/elections/${electionId}/forms`} className="back-link">
      <span aria-hidden="true">← </span>
      {t("preview.back")}
    </Link>
  );

  if (forms.isPending || (version !== undefined && formVersion.isPending)) return <LoadingPanel />;
  if (forms.isError) return <ErrorPanel error={forms.error} onRetry={() => void forms.refetch()} />;
  if (version === undefined || (formVersion.isError && isApiError(formVersion.error, 404))) {
    return (
      <EmptyState title={t("preview.notFoundTitle")}>
        <p>{t("preview.notFoundText")}</p>
        {back}
      </EmptyState>
    );
  }
  if (formVersion.isError || formVersion.data === undefined) {
    return <ErrorPanel error={formVersion.error} onRetry={() => void formVersion.refetch()} />;
  }
  return (
    <Preview
      key={`${formId}:${version}`}
      form={formVersion.data.form}
      versions={formVersion.data.versions.map((entry) => entry.version)}
      back={back}
      onVersion={(next) =>
        setParams((previous) => {
          const updated = new URLSearchParams(previous);
          if (next === summary?.version) updated.delete("version");
          else updated.set("version", String(next));
          return updated;
        })
      }
    />
  );
}

function Preview({
  form: stored,
  versions,
  back,
  onVersion,
}: {
  form: FormSummary;
  versions: readonly number[];
  back: ReactNode;
  onVersion: (version: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const form = stored.definition;
  // The form follows the UI language until the reader picks one of the form's own.
  const [chosen, setLanguage] = useState<string | null>(null);
  const language = chosen ?? formLanguage(form, format.language);
  const [answers, setAnswers] = useState<Answers>({});
  // Clearing remounts the fields, so that typed-but-invalid text goes too.
  const [round, setRound] = useState(0);
  const [showSkipped, setShowSkipped] = useState(false);
  const [showLogic, setShowLogic] = useState(false);
  const titleLanguage = language === ALL ? formLanguage(form, format.language) : language;
  const title = pickText(form.title, titleLanguage, form);
  useDocumentTitle(title?.text);

  const hidden = useMemo(() => hiddenItems(form, answers), [form, answers]);
  const report = useMemo(() => {
    try {
      return checkSubmission(form, answers, { language: titleLanguage });
    } catch {
      return undefined; // a stored form with a broken expression: preview without live checks
    }
  }, [form, answers, titleLanguage]);
  const issues = new Map<string, InputIssue>();
  for (const issue of report?.issues ?? []) {
    const name = issue.path?.[1];
    if (
      typeof name === "string" &&
      issue.code !== "required" &&
      issue.code !== "not_relevant" &&
      !issues.has(name)
    )
      issues.set(name, issue);
  }
  const flagged = new Set(report?.flags.map((flag) => flag.checkId));
  const languageNames = useMemo(
    () => new Intl.DisplayNames(format.language, { type: "language", fallback: "code" }),
    [format.language],
  );
  const languageName = (code: string) => {
    let name = code;
    try {
      name = languageNames.of(code) ?? code;
    } catch {
      // not a language code Intl knows: show the code
    }
    // Russian (and others) write language names in lower case; on a button they start a label.
    return name.charAt(0).toLocaleUpperCase(format.language) + name.slice(1);
  };

  const context: RenderContext = {
    form,
    language,
    answers,
    hidden,
    showSkipped,
    showLogic,
    issues,
    setAnswer: (name, value) =>
      setAnswers((previous) => {
        const next = { ...previous };
        if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) delete next[name];
        else next[name] = value;
        return next;
      }),
  };
  const answered = Object.keys(answers).length;

  return (
    <div className="page">
      {back}
      <header className="page-header">
        <p className="eyebrow">{t("preview.eyebrow")}</p>
        <h1 lang={title?.lang}>{title?.text ?? stored.code}</h1>
        <dl className="meta">
          <div>
            <dt>{t("forms.kind")}</dt>
            <dd>{t(`formKind.${stored.kind}`)}</dd>
          </div>
          <div>
            <dt>{t("forms.questions")}</dt>
            <dd>{format.number(questionCount(form))}</dd>
          </div>
          <div>
            <dt>{t("overview.code")}</dt>
            <dd>
              <code>{stored.code}</code>
            </dd>
          </div>
        </dl>
      </header>

      <section className="card toolbar" aria-label={t("preview.settings")}>
        <div className="toolbar__group">
          <span className="toolbar__label" aria-hidden="true">
            {t("preview.language")}
          </span>
          <fieldset className="segmented segmented--wrap">
            <legend className="visually-hidden">{t("preview.language")}</legend>
            {form.languages.map((code) => (
              <button
                key={code}
                type="button"
                className="segmented__option segmented__option--wide"
                aria-pressed={language === code}
                onClick={() => setLanguage(code)}
              >
                {languageName(code)}
              </button>
            ))}
            {form.languages.length > 1 && (
              <button
                type="button"
                className="segmented__option segmented__option--wide"
                aria-pressed={language === ALL}
                onClick={() => setLanguage(ALL)}
              >
                {t("preview.allLanguages")}
              </button>
            )}
          </fieldset>
        </div>
        {versions.length > 1 && (
          <div className="toolbar__group">
            <label className="toolbar__label" htmlFor={`${id}-version`}>
              {t("forms.version")}
            </label>
            <select
              id={`${id}-version`}
              className="select select--compact"
              value={form.version}
              onChange={(event) => onVersion(Number(event.target.value))}
            >
              {versions.map((version) => (
                <option key={version} value={version}>
                  v{version}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="toolbar__group toolbar__group--checks">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showSkipped}
              onChange={(event) => setShowSkipped(event.target.checked)}
            />
            <span>{t("preview.showSkipped")}</span>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showLogic}
              onChange={(event) => setShowLogic(event.target.checked)}
            />
            <span>{t("preview.showLogic")}</span>
          </label>
        </div>
        <div className="toolbar__group toolbar__group--end">
          <a className="button button--secondary" href={xlsFormUrl(stored.formId, form.version)} download>
            {t("preview.downloadXlsForm")}
          </a>
        </div>
      </section>

      <p className="callout callout--info preview-note">{t("preview.note")}</p>

      <form className="preview" onSubmit={(event) => event.preventDefault()} aria-label={title?.text}>
        <Items key={round} items={form.items} context={context} />
        <div className="preview__footer">
          <p className="muted" aria-live="polite">
            {t("preview.answered", { count: answered })}
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setAnswers({});
              setRound((previous) => previous + 1);
            }}
          >
            {t("preview.clear")}
          </button>
        </div>
      </form>

      {form.checks.length > 0 && (
        <section className="card preview-checks" aria-labelledby={`${id}-checks`}>
          <h2 id={`${id}-checks`} className="card__title">
            {t("preview.checks")}
          </h2>
          <p className="card__hint">{t("preview.checksHint")}</p>
          <ul className="check-list">
            {form.checks.map((check) => (
              <li key={check.id} className={flagged.has(check.id) ? "check is-flagged" : "check"}>
                <span className={flagged.has(check.id) ? "badge badge--flags" : "badge"}>
                  {flagged.has(check.id) ? t("preview.checkRaised") : t("preview.checkQuiet")}
                </span>
                <Texts text={check.message} form={form} language={language} />
                {showLogic && <code className="logic">{check.expression}</code>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

interface RenderContext {
  readonly form: FormDefinition;
  readonly language: string;
  readonly answers: Answers;
  readonly hidden: ReadonlySet<string>;
  readonly showSkipped: boolean;
  readonly showLogic: boolean;
  readonly issues: ReadonlyMap<string, InputIssue>;
  readonly setAnswer: (name: string, value: AnswerValue) => void;
}

/**
 * A form text in the chosen language (marked when it falls back to another), or in every
 * language of the form, one line each, with gaps in a translation called out.
 */
function Texts({
  text,
  form,
  language,
}: {
  text: LocalizedText | undefined;
  form: FormDefinition;
  language: string;
}) {
  const { t } = useTranslation();
  if (text === undefined) return null;
  if (language !== ALL) {
    const picked = pickText(text, language, form);
    if (picked === undefined) return null;
    return (
      <span lang={picked.lang}>
        {picked.text}
        {picked.fallback && (
          <span className="untranslated">{t("preview.untranslated", { lang: language.toUpperCase() })}</span>
        )}
      </span>
    );
  }
  return (
    <span className="multi">
      {form.languages.map((code) => (
        <span key={code} className="multi__line">
          <span className="multi__lang" aria-hidden="true">
            {code.toUpperCase()}
          </span>
          {text[code] !== undefined && text[code] !== "" ? (
            <span lang={code}>{text[code]}</span>
          ) : (
            <span className="untranslated untranslated--missing">{t("preview.missingTranslation")}</span>
          )}
        </span>
      ))}
    </span>
  );
}

function Items({ items, context }: { items: readonly FormItem[]; context: RenderContext }) {
  return (
    <>
      {items.map((item) => (
        <Fragment key={item.name}>
          <Item item={item} context={context} />
        </Fragment>
      ))}
    </>
  );
}

function Logic({ item, context }: { item: FormItem; context: RenderContext }) {
  const { t } = useTranslation();
  if (!context.showLogic) return null;
  const parts: ReactNode[] = [<code key="name">{item.name}</code>];
  if (item.relevant !== undefined)
    parts.push(
      <span key="relevant">
        {t("preview.askedWhen")} <code>{item.relevant}</code>
      </span>,
    );
  if (isQuestion(item) && item.constraint !== undefined)
    parts.push(
      <span key="constraint">
        {t("preview.acceptedWhen")} <code>{item.constraint}</code>
      </span>,
    );
  return <p className="logic">{parts}</p>;
}

function Item({ item, context }: { item: FormItem; context: RenderContext }) {
  const { t } = useTranslation();
  const isHidden = context.hidden.has(item.name);
  if (isHidden && !context.showSkipped) return null;
  const skipped = isHidden ? <span className="badge badge--skipped">{t("preview.skipped")}</span> : null;
  if (item.type === "group" || item.type === "repeat") {
    return (
      <section className={isHidden ? "preview-group is-skipped" : "preview-group"}>
        {item.label !== undefined && (
          <h2 className="preview-group__title">
            <Texts text={item.label} form={context.form} language={context.language} /> {skipped}
          </h2>
        )}
        <Logic item={item} context={context} />
        <div className="preview-group__items">
          <Items items={item.items} context={context} />
        </div>
      </section>
    );
  }
  if (item.type === "note") {
    return (
      <div className={isHidden ? "preview-note-item is-skipped" : "preview-note-item"}>
        <p>
          <Texts text={item.label} form={context.form} language={context.language} /> {skipped}
        </p>
        {item.hint !== undefined && (
          <p className="question__hint">
            <Texts text={item.hint} form={context.form} language={context.language} />
          </p>
        )}
        <Logic item={item} context={context} />
      </div>
    );
  }
  return <QuestionField question={item} context={context} skipped={skipped} />;
}

function QuestionField({
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
  t: ReturnType<typeof useTranslation>["t"],
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
