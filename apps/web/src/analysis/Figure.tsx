// A figure with its title and downloads: its table as CSV and XLSX and, when it holds a chart, SVG
// and PNG; a chart's table view opens below it. Table view and downloads show one ExportTable,
// built by the contract's analysis tables (the server's analysis export builds the same).
import type * as Plot from "@observablehq/plot";
import type { ExportTable, TableCell } from "@scrutiny/domain";
import { type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { Pager } from "../submissions/SubmissionTable.tsx";
import { PlotChart as Chart } from "../ui/PlotChart.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { downloadPng, downloadSvg, downloadTable } from "./download.ts";

export function Figure({
  id,
  title,
  hint,
  table,
  fileName,
  chart = false,
  tableView = chart,
  children,
}: {
  id: string;
  title: string;
  hint?: ReactNode;
  table: ExportTable;
  fileName: string;
  chart?: boolean;
  /** Whether to open the table below the figure: a chart's, unless the figure shows a table of its own. */
  tableView?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const body = useRef<HTMLDivElement>(null);
  const svg = () => body.current?.querySelector("svg") ?? null;
  return (
    <figure className="card analysis-figure" aria-labelledby={`${id}-title`} data-figure={id}>
      <div className="card__header analysis-figure__header">
        <h3 className="card__title" id={`${id}-title`}>
          {title}
        </h3>
        <fieldset className="analysis-figure__downloads">
          <legend className="visually-hidden">{t("analysis.download")}</legend>
          <TableDownloads table={table} fileName={fileName} />
          {chart && (
            <>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  const s = svg();
                  if (s) downloadSvg(s, `${fileName}.svg`);
                }}
              >
                SVG
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  const s = svg();
                  if (s) downloadPng(s, `${fileName}.png`);
                }}
              >
                PNG
              </button>
            </>
          )}
        </fieldset>
        {hint && <p className="card__hint analysis-figure__hint">{hint}</p>}
      </div>
      <div className="card__body" ref={body}>
        {children}
        {tableView && (
          <details className="analysis-figure__table" data-table-view={id}>
            <summary>{t("analysis.tableView", { title })}</summary>
            <TableView table={table} />
          </details>
        )}
      </div>
    </figure>
  );
}

/** A table's CSV and XLSX, written in the browser by the domain (as the server writes exports). */
function TableDownloads({ table, fileName }: { table: ExportTable; fileName: string }) {
  return (
    <>
      {(["csv", "xlsx"] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          className="button button--secondary"
          data-download={kind}
          onClick={() => downloadTable(table, kind, `${fileName}.${kind}`)}
        >
          {kind.toUpperCase()}
        </button>
      ))}
    </>
  );
}

/**
 * A chart's table behind a disclosure, with its CSV and XLSX; rows are drawn only once it is open
 * (a histogram's table has a thousand).
 */
export function TableDetails({
  id,
  summary,
  table,
  fileName,
}: {
  id: string;
  summary: string;
  table: ExportTable;
  fileName: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="analysis-figure__table"
      data-table-view={id}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{summary}</summary>
      {open && (
        <>
          <p>
            <TableDownloads table={table} fileName={fileName} />
          </p>
          <TableView table={table} />
        </>
      )}
    </details>
  );
}

/**
 * Rows a table view draws at once: a fingerprint's table has thousands of cells, which would take
 * seconds to draw on a cheap laptop; the downloads always hold them all.
 */
export const TABLE_VIEW_PAGE_ROWS = 100;

/** The figure's table as it downloads: the same columns and rows, numbers in the reader's format. */
export function TableView({ table }: { table: ExportTable }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(table.rows.length / TABLE_VIEW_PAGE_ROWS));
  // A table that shrank (another breakdown, a new upload) keeps the reader on a page that exists.
  const shown = Math.min(page, pages);
  const first = (shown - 1) * TABLE_VIEW_PAGE_ROWS;
  const rows = table.rows.slice(first, first + TABLE_VIEW_PAGE_ROWS);
  const cell = (value: TableCell) => {
    if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value)))
      return "–";
    if (typeof value === "number") return format.number(value);
    if (typeof value === "boolean") return value ? t("analysis.yes") : t("analysis.no");
    return value;
  };
  if (table.rows.length === 0) return <p className="muted">{t("analysis.tableEmpty")}</p>;
  return (
    <>
      {pages > 1 && (
        <p className="muted" data-table-rows>
          {t("analysis.tableRows", {
            first: format.number(first + 1),
            last: format.number(first + rows.length),
            total: format.number(table.rows.length),
          })}
        </p>
      )}
      <TableRegion>
        <table className="table analysis-table">
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a figure's table have no id of their own, and never reorder
              <tr key={first + i}>
                {table.columns.map((c) => (
                  <td key={c.key} className={typeof row[c.key] === "number" ? "num" : undefined}>
                    {cell(row[c.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {pages > 1 && (
        <Pager page={shown} pages={pages} onPage={setPage} format={format} label={t("analysis.tablePages")} />
      )}
    </>
  );
}

/** An analysis chart (Observable Plot). */
export function PlotChart({ options, label }: { options: Plot.PlotOptions; label: string }) {
  return <Chart options={options} label={label} className="analysis-plot" />;
}
