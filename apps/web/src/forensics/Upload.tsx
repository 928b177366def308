import { type FormEvent, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import { uploadIssues, useUploadResults } from "./api.ts";
import { MappingStep } from "./MappingStep.tsx";
import { issueColumn, uploadIssueText } from "./protocolLines.ts";

type Layout = "ru-cec" | "columns" | "json";

/** Uploading a results file, with its mapping and the problems found in it. */
export function Upload({ electionId, onDone }: { electionId: string; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const upload = useUploadResults(electionId);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [layout, setLayout] = useState<Layout>("ru-cec");
  const [mapping, setMapping] = useState("");
  // The mapping built in the mapping step (null while incomplete or invalid).
  const [chosen, setChosen] = useState<string | null>(null);
  const [incomplete, setIncomplete] = useState(false);
  const onMapping = useCallback((json: string | null) => {
    setChosen(json);
    if (json !== null) setIncomplete(false);
  }, []);
  const [leader, setLeader] = useState("");
  const [strict, setStrict] = useState(false);
  const [missingFile, setMissingFile] = useState(false);
  const issues = uploadIssues(upload.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    setMissingFile(false);
    if (layout === "columns" && chosen === null) {
      setIncomplete(true);
      return;
    }
    upload.mutate(
      {
        file,
        name,
        preset: layout === "ru-cec" ? "ru-cec" : null,
        mapping: layout === "json" ? mapping : layout === "columns" ? chosen : null,
        leader,
        strict,
      },
      { onSuccess: ({ resultsSet }) => onDone(resultsSet.id) },
    );
  };

  return (
    <section className="card forensics-section" aria-labelledby="forensics-upload">
      <h2 id="forensics-upload" className="card__title">
        {t("forensics.upload.title")}
      </h2>
      <p className="card__hint">{t("forensics.upload.hint")}</p>
      <form className="form forensics-section" onSubmit={submit}>
        <div className="forensics-toolbar">
          <div className="field">
            <label htmlFor="forensics-file">{t("forensics.upload.file")}</label>
            <input
              id="forensics-file"
              type="file"
              className="input"
              accept=".csv,.txt,.tsv,.zip,.xlsx"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field">
            <label htmlFor="forensics-name">{t("forensics.upload.name")}</label>
            <input
              id="forensics-name"
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="forensics-layout">{t("forensics.upload.format")}</label>
            <select
              id="forensics-layout"
              className="select"
              value={layout}
              onChange={(e) => setLayout(e.target.value as Layout)}
            >
              <option value="ru-cec">{t("forensics.upload.presetRuCec")}</option>
              <option value="columns">{t("forensics.upload.chooseColumns")}</option>
              <option value="json">{t("forensics.upload.customMapping")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="forensics-leader">{t("forensics.upload.leader")}</label>
            <input
              id="forensics-leader"
              className="input"
              value={leader}
              placeholder={t("forensics.upload.leaderHint")}
              onChange={(e) => setLeader(e.target.value)}
            />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} />{" "}
          {t("forensics.upload.strict")}
        </label>
        {layout === "columns" &&
          (file ? (
            <MappingStep file={file} onMapping={onMapping} />
          ) : (
            <p className="card__hint">{t("forensics.mapping.fileFirst")}</p>
          ))}
        {incomplete && <p role="alert">{t("forensics.mapping.incomplete")}</p>}
        {layout === "json" && (
          <div className="field">
            <label htmlFor="forensics-mapping">{t("forensics.upload.customMapping")}</label>
            <textarea
              id="forensics-mapping"
              className="input forensics-mapping"
              value={mapping}
              onChange={(e) => setMapping(e.target.value)}
              placeholder={t("forensics.upload.mappingHint")}
            />
          </div>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={upload.isPending}>
            {upload.isPending ? t("forensics.upload.uploading") : t("forensics.upload.submit")}
          </button>
        </div>
      </form>
      {missingFile && <p role="alert">{t("forensics.upload.chooseFile")}</p>}
      {upload.isSuccess && (
        <p className="callout callout--info" role="status">
          {t("forensics.upload.done", {
            name: upload.data.resultsSet.name,
            stations: format.number(upload.data.resultsSet.stationCount),
          })}
        </p>
      )}
      {upload.isError && (
        <div className="callout callout--danger" role="alert">
          <h3 className="callout__title">{t("forensics.upload.rejected")}</h3>
          {issues.length === 0 ? (
            <p>{apiErrorText(upload.error, t)}</p>
          ) : (
            <TableRegion>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("forensics.upload.line")}
                    </th>
                    <th scope="col">{t("forensics.upload.column")}</th>
                    <th scope="col">{t("forensics.upload.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {issues.map((issue) => (
                    <tr key={`${issue.line ?? ""}-${issue.column ?? ""}-${issue.code}-${issue.message}`}>
                      <td className="num">{issue.line ?? ""}</td>
                      <td>{issueColumn(issue.column, t)}</td>
                      <td>{uploadIssueText(issue, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </div>
      )}
    </section>
  );
}
