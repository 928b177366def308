import {
  type FormDefinition,
  type FormItem,
  importXlsForm,
  isQuestion,
  type XlsFormIssue,
} from "@scrutiny/domain";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { FormSummary } from "../api/client.ts";
import { useFormat } from "../i18n/format.ts";
import { type Publication, usePublishXlsForm } from "./api.ts";
import "./forms.css";
import { apiErrorText } from "../ui/apiError.ts";
import {
  refusedXlsFormIssues,
  type ShownXlsFormIssue,
  xlsFormIssueText,
  xlsFormPlace,
} from "../ui/issueText.ts";
import { formLanguage, pickText } from "./formText.ts";

type Read =
  | {
      readonly ok: true;
      readonly file: File;
      readonly files: readonly File[];
      readonly imported: ReturnType<typeof importXlsForm> & { ok: true };
    }
  | { readonly ok: false; readonly file: File; readonly issues: readonly XlsFormIssue[] };

/** The sheet (or file), row and column a problem is at, before its text. */
function IssuePlace({ issue }: { issue: ShownXlsFormIssue }) {
  const { t } = useTranslation();
  const place = xlsFormPlace(issue, t);
  return place === undefined ? null : (
    <>
      <span className="form-upload__place" data-issue-place>
        {place}
      </span>
      {": "}
    </>
  );
}

function IssueRows({ issues }: { issues: readonly ShownXlsFormIssue[] }) {
  const { t } = useTranslation();
  return (
    <ul className="form-upload__issues" data-form-issues>
      {issues.map((issue, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity
        <li key={index} data-issue-code={issue.code}>
          <IssuePlace issue={issue} />
          {xlsFormIssueText(issue, t)}
          {issue.dropsLogic === true && <strong> {t("formUpload.dropsLogic")}</strong>}
        </li>
      ))}
    </ul>
  );
}

/** The questions the stored form will have, with their skip logic, as a compact preview. */
function QuestionPreview({
  form,
  items,
  language,
  depth = 0,
}: {
  form: FormDefinition;
  items: readonly FormItem[];
  language: string;
  depth?: number;
}) {
  const { t } = useTranslation();
  return (
    <ol className={depth === 0 ? "form-upload__questions" : undefined}>
      {items.map((item) => (
        <li key={item.name}>
          <code>{item.name}</code> {item.label?.[language] ?? Object.values(item.label ?? {})[0] ?? ""}{" "}
          <span className="muted">{isQuestion(item) ? item.type : item.type}</span>
          {"choicesFile" in item && item.choicesFile !== undefined && (
            <span className="muted" data-choices-file={item.choicesFile}>
              {" "}
              —{" "}
              {t("formUpload.choicesFromFile", {
                number: (form.choiceLists[item.listName] ?? []).length,
                file: item.choicesFile,
              })}
            </span>
          )}
          {item.relevant !== undefined && (
            <span className="muted">
              {" "}
              — <code>{item.relevant}</code>
            </span>
          )}
          {"items" in item && (
            <QuestionPreview form={form} items={item.items} language={language} depth={depth + 1} />
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * Upload an XLSForm: it is read here first, with the importer the server uses, so that every
 * error and warning shows before anything is published; then it is published as a new form or a
 * new version of one of the mission's forms. Warnings that mean logic of the workbook will not
 * be enforced must be accepted first.
 */
export function FormUpload({
  electionId,
  ownForms,
}: {
  electionId: string;
  ownForms: readonly FormSummary[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const [read, setRead] = useState<Read | null>(null);
  const [workbook, setWorkbook] = useState<File | undefined>(undefined);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [target, setTarget] = useState("");
  const [accepted, setAccepted] = useState(false);
  const publish = usePublishXlsForm(electionId);
  const [published, setPublished] = useState<Publication | null>(null);

  // The workbook and the files beside it are read together, as the server will read them: a
  // file the form uses that is not chosen here is an error, as it is there.
  const readUpload = async (file: File | undefined, beside: readonly File[]) => {
    setWorkbook(file);
    setFiles(beside);
    setPublished(null);
    setAccepted(false);
    publish.reset();
    if (file === undefined) return setRead(null);
    const contents = Object.fromEntries(
      await Promise.all(beside.map(async (f) => [f.name, new Uint8Array(await f.arrayBuffer())] as const)),
    );
    const imported = importXlsForm(new Uint8Array(await file.arrayBuffer()), {
      files: contents,
      requireFiles: true,
    });
    setRead(
      imported.ok ? { ok: true, file, files: beside, imported } : { ok: false, file, issues: imported.error },
    );
  };
  const warnings = read?.ok ? read.imported.value.warnings : [];
  const dropsLogic = warnings.some((w) => w.dropsLogic === true);
  const form = read?.ok ? read.imported.value.form : undefined;
  const language = form === undefined ? format.language : formLanguage(form, format.language);
  const title = form === undefined ? undefined : pickText(form.title, language, form);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t("formUpload.title")}
      </h2>
      <p className="card__hint">{t("formUpload.hint")}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("formUpload.file")}</label>
        <input
          id={`${id}-file`}
          type="file"
          className="input"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => void readUpload(event.currentTarget.files?.[0], files)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-files`}>{t("formUpload.files")}</label>
        <input
          id={`${id}-files`}
          type="file"
          className="input"
          multiple
          accept=".csv,.xml,.geojson,text/csv,application/xml,application/geo+json,image/*,audio/*,video/*"
          aria-describedby={`${id}-files-hint`}
          onChange={(event) => void readUpload(workbook, [...(event.currentTarget.files ?? [])])}
        />
        <p id={`${id}-files-hint`} className="field__hint">
          {t("formUpload.filesHint")}
        </p>
      </div>
      {read !== null && !read.ok && (
        <div className="callout callout--danger" role="alert">
          <p>{t("formUpload.errors", { count: read.issues.length })}</p>
          <IssueRows issues={read.issues} />
        </div>
      )}
      {read?.ok && form !== undefined && (
        <>
          <p role="status">
            {t("formUpload.read", { title: title?.text ?? form.id, kind: t(`formKind.${form.kind}`) })}
          </p>
          {warnings.length === 0 ? (
            <p className="muted">{t("formUpload.noWarnings")}</p>
          ) : (
            <section
              className={`callout ${dropsLogic ? "callout--danger" : "callout--warning"}`}
              aria-label={t("formUpload.warningsTitle")}
            >
              <p>{t("formUpload.warnings", { count: warnings.length })}</p>
              <IssueRows issues={warnings} />
            </section>
          )}
          {form.mediaFiles !== undefined && (
            <section aria-label={t("formUpload.keptFiles")}>
              <p>{t("formUpload.keptFiles")}</p>
              <ul data-kept-files>
                {Object.entries(form.mediaFiles).map(([name, file]) => (
                  <li key={name}>
                    <code>{name}</code>{" "}
                    <span className="muted">
                      {t("formUpload.fileSize", { size: format.number(file.size) })} · SHA-256{" "}
                      <code>{file.sha256.slice(0, 12)}…</code>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <details className="form-upload__preview" open>
            <summary>{t("formUpload.preview")}</summary>
            <QuestionPreview form={form} items={form.items} language={language} />
          </details>
          <div className="field">
            <label htmlFor={`${id}-target`}>{t("formUpload.target")}</label>
            <select
              id={`${id}-target`}
              className="select"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">{t("formUpload.newForm")}</option>
              {ownForms.map((f) => (
                <option key={f.formId} value={f.formId}>
                  {t("formUpload.newVersionOf", {
                    form: pickText(f.definition.title, language, f.definition)?.text ?? f.code,
                    version: f.version + 1,
                  })}
                </option>
              ))}
            </select>
          </div>
          <div className="form-upload__actions">
            {dropsLogic && (
              <label className="checkbox">
                <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />{" "}
                {t("formUpload.accept")}
              </label>
            )}
            <button
              type="button"
              className="button button--primary"
              disabled={publish.isPending || (dropsLogic && !accepted)}
              onClick={() =>
                publish.mutate(
                  {
                    workbook: read.file,
                    files: read.files,
                    ...(target === "" ? {} : { formId: target }),
                    acknowledgeDroppedLogic: accepted,
                  },
                  { onSuccess: setPublished },
                )
              }
            >
              {t("formUpload.publish")}
            </button>
          </div>
        </>
      )}
      {publish.isError && (
        <div className="callout callout--danger" role="alert">
          <p>{apiErrorText(publish.error, t)}</p>
          {refusedXlsFormIssues(publish.error).length > 0 && (
            <IssueRows issues={refusedXlsFormIssues(publish.error)} />
          )}
        </div>
      )}
      {published !== null && (
        <p role="status" className="callout callout--info">
          {published.target === "new"
            ? t("formUpload.publishedNew", { version: published.response.form.version })
            : published.response.changed
              ? t("formUpload.publishedVersion", { version: published.response.version })
              : t("formUpload.unchanged", { version: published.response.version })}{" "}
          <Link
            to={`/elections/${electionId}/forms/${published.target === "new" ? published.response.form.formId : published.response.formId}`}
          >
            {t("formUpload.open")}
          </Link>
        </p>
      )}
    </section>
  );
}
