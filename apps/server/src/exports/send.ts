// How every server-built export leaves: CSV holds one table (the first, or the one asked for by
// `table`), XLSX every table as its own sheet; the domain writes both, so the formula rule is one.
import { dataExports } from "@scrutiny/contract";
import { type ExportTable, tablesToXlsx, tableToCsv } from "@scrutiny/domain";
import type { FastifyReply } from "fastify";
import { HttpError } from "../http/errors.ts";

export type ExportFormat = keyof typeof dataExports.EXPORT_TYPES;

/** The one table a CSV holds: the first, or the one named; an unknown name is a 422 listing the names. */
export function chooseTable(tables: readonly ExportTable[], id: string | undefined): ExportTable {
  const chosen = id === undefined ? tables[0] : tables.find((t) => t.id === id);
  if (chosen === undefined)
    throw new HttpError(
      422,
      "unknown_table",
      `no table "${id}" in this export; it has ${tables.map((t) => t.id ?? t.name).join(", ")}`,
      {
        issues: [{ path: ["query", "table"], code: "unknown_table", message: `no table "${id}"` }],
      },
      { table: id ?? "" },
    );
  return chosen;
}

export function sendTables(
  reply: FastifyReply,
  tables: readonly ExportTable[],
  format: ExportFormat,
  baseName: string,
  table?: string,
): FastifyReply {
  const csv = format === "csv" ? chooseTable(tables, table) : undefined;
  const suffix = csv !== undefined && csv !== tables[0] ? `-${csv.id ?? ""}` : "";
  // ASCII only in the header's file name: codes are, names need not be.
  const fileName = `${baseName}${suffix}.${format}`.replace(/[^\w.-]/g, "_");
  reply
    .header("content-type", dataExports.EXPORT_TYPES[format])
    .header("content-disposition", `attachment; filename="${fileName}"`);
  return reply.send(csv !== undefined ? tableToCsv(csv) : Buffer.from(tablesToXlsx(tables)));
}
