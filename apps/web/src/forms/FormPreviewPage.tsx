import { type AnswerValue, type FormItem, isQuestion } from "@scrutiny/domain";
import { type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { type FormSummary, formFileUrl, isApiError, xlsFormUrl } from "../api/client.ts";
import { useForms, useFormVersion } from "../api/queries.ts";
import { answersToSend, FormRenderer, type LiveCheck, liveCheck } from "../form-renderer/index.ts";
import "../form-renderer/form-renderer.css";
import { type Translate, useFormat } from "../i18n/format.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { formLanguage, pickText, questionCount } from "./formText.ts";
import { ALL, type Answers, Texts } from "./previewText.tsx";
import { rendererMessages as previewMessages } from "./rendererMessages.ts";

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

  // The same live check as the observer's phone: the domain's validation of what would be sent.
  const check = useMemo<LiveCheck>(() => {
    try {
      return liveCheck(form, answersToSend(form, answers), titleLanguage, false);
    } catch {
      // a stored form with a broken expression: preview without live checks or skip logic
      return {
        byQuestion: new Map(),
        issues: [],
        flags: [],
        skipped: new Set(),
        offered: new Map(),
        instancesExpected: new Map(),
        required: new Set(),
      };
    }
  }, [form, answers, titleLanguage]);
  const flagged = new Set(check.flags.map((flag) => flag.checkId));
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

  const setAnswer = (name: string, value: AnswerValue) =>
    setAnswers((previous) => {
      const next = { ...previous };
      if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) delete next[name];
      else next[name] = value;
      return next;
    });
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
          {Object.keys(form.mediaFiles ?? {}).map((name) => (
            <a
              key={name}
              className="button button--secondary"
              href={formFileUrl(stored.formId, form.version, name)}
              download={name}
            >
              {t("preview.downloadFile", { file: name })}
            </a>
          ))}
        </div>
      </section>

      <p className="callout callout--info preview-note">{t("preview.note")}</p>

      <form className="preview" onSubmit={(event) => event.preventDefault()} aria-label={title?.text}>
        <FormRenderer
          key={round}
          form={form}
          language={language === ALL ? titleLanguage : language}
          answers={answers}
          onAnswer={setAnswer}
          check={check}
          messages={previewMessages(t)}
          showSkipped={showSkipped}
          renderText={(text) => <Texts text={text} form={form} language={language} />}
          {...(showLogic ? { annotate: (item: FormItem) => <Logic item={item} t={t} /> } : {})}
        />
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

/** An item's name and its skip logic and constraint, for the form's designer. */
function Logic({ item, t }: { item: FormItem; t: Translate }) {
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
