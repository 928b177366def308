import {
  issueParams,
  mapPreview,
  previewResultsTable,
  ResultsMapping,
  type ResultsMappingInput,
  type TablePreview,
} from "@scrutiny/domain";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { issueText } from "../ui/issueText.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import { uploadIssueText } from "./protocolLines.ts";

/** Which columns a results file's mapping takes, chosen by header over a preview of its first rows. */
interface Choices {
  station: string;
  region: string;
  district: string;
  registered: string;
  issued: string[];
  /** A column index, or "sum" (sum of the candidates' votes). */
  valid: string;
  /** A column index, or "derive" (ballots issued − valid). */
  invalid: string;
  candidatesBy: "pattern" | "range";
  pattern: string;
  from: string;
  to: string;
}

const EMPTY: Choices = {
  station: "",
  region: "",
  district: "",
  registered: "",
  issued: [],
  valid: "",
  invalid: "",
  candidatesBy: "pattern",
  pattern: "",
  from: "",
  to: "",
};

const at = (index: string) => ({ index: Number(index) });

/** The mapping the choices describe (zod-checked by the caller), or null while incomplete. */
function mappingOf(c: Choices): ResultsMappingInput | null {
  if (c.station === "" || c.registered === "" || c.issued.length === 0 || c.valid === "" || c.invalid === "")
    return null;
  const candidates =
    c.candidatesBy === "pattern"
      ? c.pattern.trim() === ""
        ? null
        : { pattern: c.pattern.trim() }
      : c.from === ""
        ? null
        : { from: at(c.from), ...(c.to === "" ? {} : { to: at(c.to) }) };
  if (candidates === null) return null;
  const areas = [
    ...(c.region === "" ? [] : [{ name: "region", column: at(c.region) }]),
    ...(c.district === "" ? [] : [{ name: "district", column: at(c.district) }]),
  ];
  return {
    station: at(c.station),
    areas,
    registered: at(c.registered),
    issued: c.issued.map(at),
    valid: c.valid === "sum" ? { sumOfContestants: true } : at(c.valid),
    invalid: c.invalid === "derive" ? { ballotsMinusValid: c.issued.map(at) } : at(c.invalid),
    contestants: candidates,
  };
}

/**
 * The mapping step of a results upload: the file's first rows, a column chosen by header for each
 * protocol line (valid and invalid may be derived, candidates taken by a header pattern or a range
 * of columns), and the first rows as the mapping reads them. Reports the mapping (JSON) or null.
 */
export function MappingStep({ file, onMapping }: { file: File; onMapping: (json: string | null) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [preview, setPreview] = useState<TablePreview | null>(null);
  // Kept as the reader's code and params: said in the page's language when shown.
  const [readError, setReadError] = useState<{ code: string; message: string } | null>(null);
  const [choices, setChoices] = useState<Choices>(EMPTY);

  useEffect(() => {
    let cancelled = false;
    setPreview(null);
    setReadError(null);
    setChoices(EMPTY);
    void file.arrayBuffer().then(
      (buffer) => {
        if (cancelled) return;
        const read = previewResultsTable(new Uint8Array(buffer), file.name, 5);
        if (read.ok) setPreview(read.value);
        else setReadError(read.error);
      },
      (error: unknown) => !cancelled && setReadError({ code: "unreadable", message: String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [file]);

  const input = useMemo(() => mappingOf(choices), [choices]);
  const mapped = useMemo(() => {
    if (!preview || !input) return null;
    const parsed = ResultsMapping.safeParse(input);
    if (!parsed.success)
      return {
        ok: false as const,
        messages: parsed.error.issues.map((i) =>
          issueText(
            { path: i.path.map(String), code: i.code, message: i.message, params: issueParams(i) },
            t,
          ),
        ),
      };
    const read = mapPreview(preview, parsed.data);
    return read.ok
      ? { ok: true as const, value: read.value }
      : { ok: false as const, messages: read.error.map((i) => uploadIssueText(i, t)) };
  }, [preview, input, t]);

  useEffect(() => {
    onMapping(mapped?.ok && input ? JSON.stringify(input) : null);
  }, [mapped, input, onMapping]);

  if (readError)
    return (
      <p role="alert">{t("forensics.mapping.unreadable", { message: uploadIssueText(readError, t) })}</p>
    );
  if (!preview) return <p role="status">{t("forensics.mapping.reading")}</p>;

  const set = <K extends keyof Choices>(key: K, value: Choices[K]) =>
    setChoices((c) => ({ ...c, [key]: value }));
  const columns = preview.header.map((h, i) => ({
    value: String(i),
    label: `${i + 1}. ${h === "" ? t("forensics.mapping.unnamed") : h}`,
  }));
  const pick = (id: keyof Choices, label: string, extra?: { value: string; label: string }) => (
    <div className="field">
      <label htmlFor={`mapping-${id}`}>{label}</label>
      <select
        id={`mapping-${id}`}
        className="select"
        value={choices[id] as string}
        onChange={(e) => set(id, e.target.value as never)}
      >
        <option value="">{t("forensics.mapping.choose")}</option>
        {extra && <option value={extra.value}>{extra.label}</option>}
        {columns.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  const candidateHeaders =
    mapped?.ok === true ? mapped.value.resolved.contestants.map((c) => c.header) : ([] as string[]);

  return (
    <fieldset className="forensics-mapping-step" data-testid="mapping-step">
      <legend>{t("forensics.mapping.title")}</legend>
      <p className="card__hint">
        {t("forensics.mapping.hint", { columns: format.number(preview.header.length) })}
      </p>
      <TableRegion>
        <table className="table" data-testid="mapping-file-preview">
          <caption>{t("forensics.mapping.fileRows")}</caption>
          <thead>
            <tr>
              {preview.header.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                <th key={i} scope="col">
                  {i + 1}. {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
              <tr key={r}>
                {preview.header.map((_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <td key={i}>{row[i] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <div className="forensics-toolbar">
        {pick("station", t("forensics.mapping.station"))}
        {pick("region", t("forensics.mapping.region"))}
        {pick("district", t("forensics.mapping.district"))}
        {pick("registered", t("forensics.mapping.registered"))}
        <div className="field">
          <label htmlFor="mapping-issued">{t("forensics.mapping.issued")}</label>
          <select
            id="mapping-issued"
            className="select"
            multiple
            size={Math.min(6, columns.length)}
            value={choices.issued}
            onChange={(e) =>
              set(
                "issued",
                Array.from(e.target.selectedOptions, (o) => o.value),
              )
            }
          >
            {columns.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        {pick("valid", t("forensics.mapping.valid"), {
          value: "sum",
          label: t("forensics.mapping.validSum"),
        })}
        {pick("invalid", t("forensics.mapping.invalid"), {
          value: "derive",
          label: t("forensics.mapping.invalidDerived"),
        })}
      </div>
      <div className="forensics-toolbar">
        <div className="field">
          <label htmlFor="mapping-candidates-by">{t("forensics.mapping.candidatesBy")}</label>
          <select
            id="mapping-candidates-by"
            className="select"
            value={choices.candidatesBy}
            onChange={(e) => set("candidatesBy", e.target.value === "range" ? "range" : "pattern")}
          >
            <option value="pattern">{t("forensics.mapping.byPattern")}</option>
            <option value="range">{t("forensics.mapping.byRange")}</option>
          </select>
        </div>
        {choices.candidatesBy === "pattern" ? (
          <div className="field">
            <label htmlFor="mapping-pattern">{t("forensics.mapping.pattern")}</label>
            <input
              id="mapping-pattern"
              className="input"
              value={choices.pattern}
              placeholder={t("forensics.mapping.patternHint")}
              onChange={(e) => set("pattern", e.target.value)}
            />
          </div>
        ) : (
          <>
            {pick("from", t("forensics.mapping.from"))}
            {pick("to", t("forensics.mapping.to"))}
          </>
        )}
      </div>
      {input === null ? (
        <p className="card__hint">{t("forensics.mapping.incomplete")}</p>
      ) : mapped && !mapped.ok ? (
        <div className="callout callout--danger" role="alert">
          <ul>
            {mapped.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : mapped?.ok ? (
        <>
          <p role="status" data-testid="mapping-candidates">
            {t("forensics.mapping.candidatesFound", {
              count: candidateHeaders.length,
              names: candidateHeaders.slice(0, 6).join(", ") + (candidateHeaders.length > 6 ? ", …" : ""),
            })}
          </p>
          {/* The derived columns, as the report's notes name them (resolveMapping). */}
          {mapped.value.resolved.valid === null && (
            <p className="callout callout--info">{t("forensics.mapping.validSumNote")}</p>
          )}
          {mapped.value.resolved.invalid === null && (
            <p className="callout callout--info">
              {t("forensics.mapping.invalidDerivedNote", {
                ballots: mapped.value.resolved.ballots.map((b) => `“${b.header}”`).join(" + "),
              })}
            </p>
          )}
          <TableRegion>
            <table className="table" data-testid="mapping-read-preview">
              <caption>{t("forensics.mapping.readRows")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("forensics.mapping.station")}</th>
                  <th scope="col" className="num">
                    {t("forensics.mapping.registered")}
                  </th>
                  <th scope="col" className="num">
                    {t("forensics.mapping.issued")}
                  </th>
                  <th scope="col" className="num">
                    {t("forensics.mapping.valid")}
                  </th>
                  <th scope="col" className="num">
                    {t("forensics.mapping.invalid")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {mapped.value.rows.map((row, r) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                  <tr key={r}>
                    <th scope="row">{row.station}</th>
                    {[row.registered, row.ballots, row.valid, row.invalid].map((v, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                      <td key={i} className="num">
                        {v === null ? t("forensics.mapping.noValue") : format.number(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <details>
            <summary>{t("forensics.mapping.json")}</summary>
            <pre className="forensics-mapping-json">{JSON.stringify(input, null, 2)}</pre>
          </details>
        </>
      ) : null}
    </fieldset>
  );
}
