// The stations that have not reported, with the teams' phone numbers, as a CSV call list:
// one row per observer to call, so a phone bank can split it and work down it.
import { neutraliseCell } from "@scrutiny/domain";
import type { Coverage } from "../deployment/api.ts";

function cell(value: string): string {
  // Quote always; formula-like text is neutralised by the domain's one rule for exports.
  return `"${neutraliseCell(value).replace(/"/g, '""')}"`;
}

export function callListCsv(coverage: Coverage, headers: readonly string[]): string {
  const rows: string[][] = [];
  for (const station of coverage.missing) {
    const observers = station.teams.flatMap((team) => team.observers.map((o) => ({ team: team.code, ...o })));
    if (observers.length === 0) rows.push([station.code, station.name, station.areaCode, "", "", ""]);
    for (const o of observers)
      rows.push([station.code, station.name, station.areaCode, o.team, o.name, o.phone ?? ""]);
  }
  // UTF-8 BOM so spreadsheet programs read Cyrillic names correctly.
  return `\ufeff${[headers, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function downloadText(text: string, fileName: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
