// The incident inbox as a table: one row per incident, in the inbox's order, with the critical
// answers that made it one (each question's label and the answer as stored).
import type { incidents } from "@scrutiny/contract";
import type { ExportTable, TableCell } from "@scrutiny/domain";

const COLUMNS = [
  "station",
  "stationName",
  "phase",
  "form",
  "submittedAt",
  "severity",
  "status",
  "assignee",
  "team",
  "observer",
  "phone",
  "critical",
  "reviewStatus",
  "changes",
  "lastChangeAt",
  "report",
] as const;

const LABELS: Readonly<Record<"en" | "ru", Record<(typeof COLUMNS)[number] | "title", string>>> = {
  en: {
    title: "Incidents",
    station: "Station",
    stationName: "Station name",
    phase: "Phase",
    form: "Form",
    submittedAt: "Submitted at",
    severity: "Severity",
    status: "Status",
    assignee: "Assignee",
    team: "Team",
    observer: "Observer",
    phone: "Phone",
    critical: "Critical answers",
    reviewStatus: "Review status",
    changes: "Changes",
    lastChangeAt: "Last change",
    report: "Report",
  },
  ru: {
    title: "Нарушения",
    station: "Участок",
    stationName: "Название участка",
    phase: "Этап",
    form: "Форма",
    submittedAt: "Отправлен",
    severity: "Серьёзность",
    status: "Статус",
    assignee: "Ответственный",
    team: "Группа",
    observer: "Наблюдатель",
    phone: "Телефон",
    critical: "Критические ответы",
    reviewStatus: "Статус проверки",
    changes: "Изменения",
    lastChangeAt: "Последнее изменение",
    report: "Отчёт",
  },
};

function textIn(text: Readonly<Record<string, string>>, language: string): string {
  return text[language] || text["en"] || Object.values(text)[0] || "";
}

export function incidentsTable(list: readonly incidents.Incident[], language: string): ExportTable {
  const labels = language === "ru" ? LABELS.ru : LABELS.en;
  const rows = list.map(
    (i): Record<string, TableCell> => ({
      station: i.stationCode,
      stationName: i.stationName,
      phase: i.phaseCode,
      form: textIn(i.formTitle, language),
      submittedAt: i.submittedAt,
      severity: i.severity,
      status: i.status,
      assignee: i.assigneeName,
      team: i.teamCode,
      observer: i.observerName,
      phone: i.observerPhone,
      critical: i.critical
        .map(
          (c) =>
            `${textIn(c.label, language) || c.name}: ${Array.isArray(c.answer) ? c.answer.join(", ") : String(c.answer)}`,
        )
        .join("; "),
      reviewStatus: i.reviewStatus,
      changes: i.changes,
      lastChangeAt: i.lastChangeAt,
      report: i.submissionId,
    }),
  );
  return {
    id: "incidents",
    name: labels.title,
    columns: COLUMNS.map((key) => ({ key, label: labels[key] })),
    rows,
  };
}
