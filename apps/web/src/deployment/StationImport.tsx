// Import of areas and polling stations: choose a file, check the columns the server suggests
// (or a saved mapping), import, and follow the job's progress to what changed or what is wrong.
import type { StationMappingInput } from "@scrutiny/domain";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import {
  type ImportJob,
  issuesOf,
  type UploadPreview,
  useImportJob,
  useStartImport,
  useUploadStations,
} from "./api.ts";
import { IssueList } from "./IssueList.tsx";

type ColumnRef = StationMappingInput["code"];
const NONE = "";

/** The header a mapping's column refers to ("" when it names none of them). */
function headerOf(ref: ColumnRef | undefined, header: readonly string[]): string {
  if (ref === undefined) return NONE;
  if (typeof ref === "string") return header.find((h) => h.toLowerCase() === ref.toLowerCase()) ?? NONE;
  if ("index" in ref) return header[ref.index] ?? NONE;
  return header.find((h) => h.toLowerCase().includes(ref.contains.toLowerCase())) ?? NONE;
}

interface Columns {
  code: string;
  name: string;
  registeredVoters: string;
  address: string;
  latitude: string;
  longitude: string;
  region: string;
  regionName: string;
  constituency: string;
  constituencyName: string;
  settlement: string;
}

function columnsFrom(mapping: StationMappingInput, header: readonly string[]): Columns {
  const [first, second] = mapping.areas;
  return {
    code: headerOf(mapping.code, header),
    name: headerOf(mapping.name, header),
    registeredVoters: headerOf(mapping.registeredVoters, header),
    address: headerOf(mapping.address, header),
    latitude: headerOf(mapping.latitude, header),
    longitude: headerOf(mapping.longitude, header),
    region: headerOf(first?.code, header),
    regionName: headerOf(first?.name, header),
    constituency: headerOf(second?.code, header),
    constituencyName: headerOf(second?.name, header),
    settlement: headerOf(mapping.attributes?.find((a) => a.key === "settlement")?.column, header),
  };
}

function mappingFrom(columns: Columns): StationMappingInput {
  const optional = (value: string) => (value === NONE ? undefined : value);
  const areas: StationMappingInput["areas"] = [];
  if (columns.region !== NONE)
    areas.push({ level: "region", code: columns.region, name: optional(columns.regionName) });
  if (columns.constituency !== NONE)
    areas.push({
      level: "constituency",
      code: columns.constituency,
      name: optional(columns.constituencyName),
    });
  return {
    code: columns.code,
    registeredVoters: columns.registeredVoters,
    name: optional(columns.name),
    address: optional(columns.address),
    latitude: optional(columns.latitude),
    longitude: optional(columns.longitude),
    areas,
    attributes: columns.settlement === NONE ? [] : [{ key: "settlement", column: columns.settlement }],
  };
}

export function StationImport({ electionId }: { electionId: string }) {
  const { t } = useTranslation();
  const upload = useUploadStations(electionId);
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const fileId = useId();

  const onFile = (file: File | undefined) => {
    setPreview(null);
    setJobId(null);
    if (file === undefined) return;
    upload.mutate(file, { onSuccess: setPreview });
  };

  return (
    <section className="card" aria-labelledby="station-import">
      <h2 id="station-import" className="card__title">
        {t("deployment.import.title")}
      </h2>
      <p className="card__hint">{t("deployment.import.hint")}</p>
      <div className="field">
        <label htmlFor={fileId}>{t("deployment.import.file")}</label>
        <input
          id={fileId}
          type="file"
          className="input"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => onFile(event.currentTarget.files?.[0])}
        />
      </div>
      {upload.isPending && <p role="status">{t("deployment.import.reading")}</p>}
      {upload.isError && (
        <div className="callout callout--danger" role="alert">
          <p>{apiErrorText(upload.error, t)}</p>
          <IssueList issues={issuesOf(upload.error)} />
        </div>
      )}
      {preview !== null && jobId === null && (
        <MappingForm key={preview.uploadId} electionId={electionId} preview={preview} onStarted={setJobId} />
      )}
      {jobId !== null && <JobProgress jobId={jobId} onAgain={() => setJobId(null)} />}
    </section>
  );
}

function MappingForm({
  electionId,
  preview,
  onStarted,
}: {
  electionId: string;
  preview: UploadPreview;
  onStarted: (jobId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const start = useStartImport(electionId);
  const [columns, setColumns] = useState<Columns>(() =>
    columnsFrom(preview.suggestedMapping, preview.header),
  );
  const [removeMissing, setRemoveMissing] = useState(false);
  const [saveAs, setSaveAs] = useState("");
  const baseId = useId();

  const fields: { key: keyof Columns; required?: boolean }[] = [
    { key: "code", required: true },
    { key: "registeredVoters", required: true },
    { key: "region", required: true },
    { key: "constituency" },
    { key: "name" },
    { key: "regionName" },
    { key: "constituencyName" },
    { key: "address" },
    { key: "latitude" },
    { key: "longitude" },
    { key: "settlement" },
  ];
  const ready = columns.code !== NONE && columns.registeredVoters !== NONE && columns.region !== NONE;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    start.mutate(
      {
        uploadId: preview.uploadId,
        mapping: mappingFrom(columns),
        removeMissing,
        ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}),
      },
      { onSuccess: ({ job }) => onStarted(job.id) },
    );
  };

  return (
    <form className="deployment-form" onSubmit={submit}>
      <p>
        {t("deployment.import.found", {
          rows: format.number(preview.rows),
          columns: format.number(preview.header.length),
          format: preview.format.toUpperCase(),
        })}
      </p>
      <TableRegion>
        <table className="table deployment-preview">
          <caption className="visually-hidden">{t("deployment.import.previewCaption")}</caption>
          <thead>
            <tr>
              {preview.header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.preview.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
              <tr key={r}>
                {row.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells by position
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {preview.savedMappings.length > 0 && (
        <div className="field">
          <label htmlFor={`${baseId}-saved`}>{t("deployment.import.savedMapping")}</label>
          <select
            id={`${baseId}-saved`}
            className="select"
            defaultValue=""
            onChange={(event) => {
              const saved = preview.savedMappings.find((m) => m.name === event.currentTarget.value);
              if (saved) setColumns(columnsFrom(saved.mapping, preview.header));
            }}
          >
            <option value="">{t("deployment.import.suggested")}</option>
            {preview.savedMappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className="deployment-mapping">
        <legend>{t("deployment.import.mapping")}</legend>
        {fields.map(({ key, required }) => (
          <div className="field" key={key}>
            <label htmlFor={`${baseId}-${key}`}>
              {t(`deployment.import.column.${key}`)}
              {required ? " *" : ""}
            </label>
            <select
              id={`${baseId}-${key}`}
              className="select"
              value={columns[key]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setColumns((previous) => ({ ...previous, [key]: value }));
              }}
            >
              <option value={NONE}>{t("deployment.import.noColumn")}</option>
              {preview.header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <label className="deployment-check">
        <input
          type="checkbox"
          checked={removeMissing}
          onChange={(e) => setRemoveMissing(e.currentTarget.checked)}
        />
        {t("deployment.import.removeMissing")}
      </label>
      <div className="field">
        <label htmlFor={`${baseId}-save`}>{t("deployment.import.saveAs")}</label>
        <input
          id={`${baseId}-save`}
          className="input"
          value={saveAs}
          maxLength={80}
          onChange={(e) => setSaveAs(e.currentTarget.value)}
        />
      </div>
      {start.isError && (
        <div className="callout callout--danger" role="alert">
          <p>{apiErrorText(start.error, t)}</p>
        </div>
      )}
      <button type="submit" className="button button--primary" disabled={!ready || start.isPending}>
        {t("deployment.import.start")}
      </button>
    </form>
  );
}

function JobProgress({ jobId, onAgain }: { jobId: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const job = useImportJob(jobId);
  const data: ImportJob | undefined = job.data;
  if (data === undefined) return <p role="status">{t("deployment.import.starting")}</p>;
  if (data.status === "failed") {
    return (
      <div className="callout callout--danger" role="alert">
        <h3 className="callout__title">{t("deployment.import.failed")}</h3>
        <IssueList issues={data.issues ?? []} />
        <button type="button" className="button button--secondary" onClick={onAgain}>
          {t("deployment.import.again")}
        </button>
      </div>
    );
  }
  if (data.status === "succeeded" && data.summary !== null) {
    const s = data.summary;
    return (
      <div className="callout callout--info" role="status">
        <h3 className="callout__title">{t("deployment.import.done")}</h3>
        <p>
          {t("deployment.import.result", {
            added: format.number(s.stations.added),
            changed: format.number(s.stations.changed),
            removed: format.number(s.stations.removed),
            unchanged: format.number(s.stations.unchanged),
          })}
        </p>
        <p>
          {t("deployment.import.areasResult", {
            added: format.number(s.areas.added),
            changed: format.number(s.areas.changed),
          })}
        </p>
        {s.changedStations.length > 0 && (
          <ul className="deployment-changes">
            {s.changedStations.slice(0, 10).map((c) => (
              <li key={c.code}>
                <strong>{c.code}</strong>: {c.fields.join(", ")}
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="button button--secondary" onClick={onAgain}>
          {t("deployment.import.another")}
        </button>
      </div>
    );
  }
  const fraction = data.total > 0 ? data.processed / data.total : 0;
  return (
    <div className="deployment-progress" role="status" aria-live="polite">
      <p>
        {t(`deployment.import.stage.${stageKey(data.stage)}`)}
        {data.total > 0 && ` · ${format.number(data.processed)} / ${format.number(data.total)}`}
      </p>
      <progress max={1} value={fraction} aria-label={t("deployment.import.progress")} />
    </div>
  );
}

function stageKey(stage: string): "queued" | "parsing" | "areas" | "loading" | "merging" {
  return stage === "parsing" || stage === "areas" || stage === "loading" || stage === "merging"
    ? stage
    : "queued";
}
