// Reading uploaded station and roster tables: the CPU-heavy part of an import (a 50 MB CSV takes
// seconds), run on the file worker thread (forensics/runner.ts) so that the event loop, and
// /health, keep answering while it runs.
import {
  type InputIssue,
  type ParsedRoster,
  type ParsedStations,
  parseRoster,
  parseStations,
  type RosterMapping,
  readCsvTable,
  readTable,
  type StationMappingInput,
  suggestRosterMapping,
  suggestStationMapping,
  type UploadLimits,
} from "@scrutiny/domain";
import type { z } from "zod";

export type TableJob =
  | {
      readonly kind: "table-preview";
      readonly bytes: Uint8Array;
      readonly limits: UploadLimits;
      readonly previewRows: number;
    }
  | {
      readonly kind: "stations";
      readonly bytes: Uint8Array;
      readonly limits: UploadLimits;
      readonly mapping: StationMappingInput;
    }
  | {
      readonly kind: "roster";
      readonly content: string;
      readonly mapping: z.input<typeof RosterMapping> | undefined;
      readonly defaultCountryCode: string | undefined;
    };

export interface TablePreview {
  readonly format: string;
  readonly delimiter: string | null;
  readonly header: readonly string[];
  readonly rows: number;
  readonly preview: readonly (readonly string[])[];
  readonly suggestedMapping: StationMappingInput;
}

/** Where the problems were found: reading the table, or its rows against the mapping. */
export type TableJobResult =
  | { readonly kind: "unreadable"; readonly issues: readonly InputIssue[] }
  | { readonly kind: "invalid"; readonly issues: readonly InputIssue[]; readonly rows: number }
  | { readonly kind: "preview"; readonly preview: TablePreview }
  | { readonly kind: "stations"; readonly stations: ParsedStations; readonly rows: number }
  | { readonly kind: "roster"; readonly roster: ParsedRoster };

export function runTableJob(job: TableJob): TableJobResult {
  if (job.kind === "roster") {
    const table = readCsvTable(job.content);
    if (!table.ok) return { kind: "unreadable", issues: table.error };
    const roster = parseRoster(table.value, job.mapping ?? suggestRosterMapping(table.value.header), {
      ...(job.defaultCountryCode ? { defaultCountryCode: job.defaultCountryCode } : {}),
    });
    if (!roster.ok) return { kind: "invalid", issues: roster.error, rows: table.value.rows.length };
    return { kind: "roster", roster: roster.value };
  }
  const table = readTable(job.bytes, { limits: job.limits });
  if (!table.ok) return { kind: "unreadable", issues: table.error };
  if (job.kind === "table-preview")
    return {
      kind: "preview",
      preview: {
        format: table.value.format,
        delimiter: table.value.delimiter,
        header: table.value.header,
        rows: table.value.rows.length,
        preview: table.value.rows.slice(0, job.previewRows).map((row) => row.fields),
        suggestedMapping: suggestStationMapping(table.value.header),
      },
    };
  const parsed = parseStations(table.value, job.mapping);
  if (!parsed.ok) return { kind: "invalid", issues: parsed.error, rows: table.value.rows.length };
  return { kind: "stations", stations: parsed.value, rows: table.value.rows.length };
}
