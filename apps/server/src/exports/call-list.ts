// The stations that have not reported, as a call list: one row per observer to call, so a phone
// bank can split it and work down it; a station no team visits keeps a row with no one to call.
import type { coverage } from "@scrutiny/contract";
import type { ExportTable, TableCell } from "@scrutiny/domain";

const COLUMNS = ["station", "name", "area", "team", "observer", "phone"] as const;

const LABELS: Readonly<Record<"en" | "ru", Record<(typeof COLUMNS)[number], string> & { title: string }>> = {
  en: {
    title: "Not reported",
    station: "Station",
    name: "Station name",
    area: "Area",
    team: "Team",
    observer: "Observer",
    phone: "Phone",
  },
  ru: {
    title: "Нет отчёта",
    station: "Участок",
    name: "Название участка",
    area: "Территория",
    team: "Группа",
    observer: "Наблюдатель",
    phone: "Телефон",
  },
};

export function callListTable(missing: coverage.Coverage["missing"], language: string): ExportTable {
  const labels = language === "ru" ? LABELS.ru : LABELS.en;
  const rows: Record<string, TableCell>[] = [];
  for (const station of missing) {
    const place = { station: station.code, name: station.name, area: station.areaCode };
    const observers = station.teams.flatMap((team) => team.observers.map((o) => ({ team: team.code, ...o })));
    if (observers.length === 0) rows.push(place);
    for (const o of observers) rows.push({ ...place, team: o.team, observer: o.name, phone: o.phone });
  }
  return {
    id: "missing",
    name: labels.title,
    columns: COLUMNS.map((key) => ({ key, label: labels[key] })),
    rows,
  };
}
