// Roster import: a CSV of the mission's observers (codes, names, phones, teams, areas). The
// columns are matched from the header's wording and can be changed; nothing is stored unless every
// line is right, and the problems are listed with their line and column.
import { readCsvTable, suggestRosterMapping } from "@scrutiny/domain";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { issuesOf } from "../deployment/api.ts";
import { IssueList } from "../deployment/IssueList.tsx";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { useImportRoster } from "./api.ts";

const FIELDS = ["code", "name", "phone", "languages", "accreditation", "role", "team", "areas"] as const;
type Field = (typeof FIELDS)[number];
type Columns = Partial<Record<Field, string>>;

/** The file's header (read from its first lines only) and the columns its wording suggests. */
function headerOf(text: string): { header: string[]; columns: Columns } {
  const head = text.split(/\r?\n/).slice(0, 20).join("\n");
  const table = readCsvTable(head);
  const header = table.ok ? [...table.value.header] : [];
  const suggested = suggestRosterMapping(header);
  const columns: Columns = {};
  for (const field of FIELDS) {
    const ref = suggested[field];
    if (typeof ref === "string" && header.includes(ref)) columns[field] = ref;
  }
  return { header, columns };
}

export function RosterImport({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const importRoster = useImportRoster(missionId);
  const [file, setFile] = useState<{ name: string; text: string; header: string[] } | null>(null);
  const [columns, setColumns] = useState<Columns>({});
  const [countryCode, setCountryCode] = useState("");
  const fileId = useId();
  const countryId = useId();

  const choose = async (chosen: File | undefined) => {
    importRoster.reset();
    if (chosen === undefined) return setFile(null);
    const text = await chosen.text();
    const read = headerOf(text);
    setFile({ name: chosen.name, text, header: read.header });
    setColumns(read.columns);
  };
  const ready = file !== null && columns.code !== undefined && columns.name !== undefined;
  const submit = () => {
    if (!ready) return;
    const code = countryCode.trim().replace(/^\+/, "");
    const mapping: Record<string, string> = {};
    for (const field of FIELDS) {
      const column = columns[field];
      if (column !== undefined) mapping[field] = column;
    }
    importRoster.mutate({
      content: file.text,
      mapping: { code: columns.code ?? "", name: columns.name ?? "", ...mapping },
      ...(code === "" ? {} : { defaultCountryCode: code }),
    });
  };
  const summary = importRoster.data?.summary;

  return (
    <section className="card" aria-labelledby="roster-import">
      <h2 id="roster-import" className="card__title">
        {t("people.import.title")}
      </h2>
      <p className="card__hint">{t("people.import.hint")}</p>
      <form
        className="people-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor={fileId}>{t("people.import.file")}</label>
          <input
            id={fileId}
            type="file"
            className="input"
            accept=".csv,.tsv,.txt,text/csv"
            onChange={(event) => void choose(event.currentTarget.files?.[0])}
          />
        </div>
        {file !== null && (
          <fieldset className="people-mapping">
            <legend>{t("people.import.mapping")}</legend>
            {FIELDS.map((field) => (
              <ColumnSelect
                key={field}
                field={field}
                header={file.header}
                value={columns[field]}
                onChange={(column) => setColumns({ ...columns, [field]: column })}
              />
            ))}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={countryId}>{t("people.import.countryCode")}</label>
          <input
            id={countryId}
            className="input input--short"
            inputMode="numeric"
            value={countryCode}
            onChange={(event) => setCountryCode(event.currentTarget.value)}
          />
        </div>
        <div className="people-buttons">
          <button
            type="submit"
            className="button button--primary"
            disabled={!ready || importRoster.isPending}
          >
            {t("people.import.start")}
          </button>
        </div>
      </form>
      {importRoster.isPending && <p role="status">{t("people.import.importing")}</p>}
      {importRoster.isError && (
        <div className="callout callout--danger" role="alert">
          <p>{apiErrorText(importRoster.error, t)}</p>
          <IssueList issues={issuesOf(importRoster.error)} />
        </div>
      )}
      {summary !== undefined && (
        <p className="callout callout--info" role="status">
          {t("people.import.done", {
            added: format.number(summary.observers.added),
            changed: format.number(summary.observers.changed),
            unchanged: format.number(summary.observers.unchanged),
            teams: format.number(summary.teams.added + summary.teams.changed),
          })}
        </p>
      )}
    </section>
  );
}

function ColumnSelect({
  field,
  header,
  value,
  onChange,
}: {
  field: Field;
  header: readonly string[];
  value: string | undefined;
  onChange: (column: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t(`people.import.column.${field}`)}</label>
      <select
        id={id}
        className="select"
        value={value ?? ""}
        onChange={(event) =>
          onChange(event.currentTarget.value === "" ? undefined : event.currentTarget.value)
        }
      >
        <option value="">{t("people.import.noColumn")}</option>
        {header.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </div>
  );
}
