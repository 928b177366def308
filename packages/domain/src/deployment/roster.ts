// A mission's observer roster from a table: observer codes, names, phones (normalised to E.164
// with a default country code), languages, accreditation numbers, roles, teams (two or more
// observers) and, for long-term observers, the areas they cover. All-or-nothing like stations.
import { z } from "zod";
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import { E164Phone, type ObserverRole } from "../election/mission.ts";
import { ColumnRef, normalizeHeader, resolveColumn } from "../results/mapping.ts";
import { delimiterHint, type Table } from "./table.ts";

export const RosterMapping = z.object({
  code: ColumnRef,
  name: ColumnRef,
  phone: ColumnRef.optional(),
  languages: ColumnRef.optional(),
  accreditation: ColumnRef.optional(),
  role: ColumnRef.optional(),
  team: ColumnRef.optional(),
  /** Area codes a long-term observer covers, separated by commas or semicolons. */
  areas: ColumnRef.optional(),
});
export type RosterMapping = z.infer<typeof RosterMapping>;

/** Country calling code without "+", e.g. "375". */
export const CountryCallingCode = z.string().regex(/^[1-9]\d{0,2}$/, "a country calling code such as 375");

export interface ParsedObserver {
  readonly line: number;
  readonly code: string;
  readonly name: string;
  readonly phone: string | null;
  readonly languages: readonly string[];
  readonly accreditation: string | null;
  readonly role: ObserverRole;
  readonly teamCode: string | null;
  readonly areaCodes: readonly string[];
}

export interface ParsedTeam {
  readonly code: string;
  readonly observerCodes: readonly string[];
}

export interface ParsedRoster {
  readonly observers: readonly ParsedObserver[];
  readonly teams: readonly ParsedTeam[];
}

/**
 * Normalises a phone number to E.164. Accepts "+375 29 123-45-67", "00375291234567", and national
 * numbers ("029 123 45 67", "291234567") when a default country code is given (a leading trunk
 * "0" is dropped). Returns undefined when the result is not a plausible E.164 number.
 */
export function normalizePhone(raw: string, defaultCountryCode?: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  if (!/^[+\d\s\-().\u00a0/]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, "");
  let e164: string;
  if (trimmed.startsWith("+")) e164 = `+${digits}`;
  else if (digits.startsWith("00")) e164 = `+${digits.slice(2)}`;
  else if (defaultCountryCode !== undefined) {
    if (digits.startsWith(defaultCountryCode) && digits.length >= defaultCountryCode.length + 8)
      e164 = `+${digits}`;
    else e164 = `+${defaultCountryCode}${digits.replace(/^0+/, "")}`;
  } else return undefined;
  return E164Phone.safeParse(e164).success ? e164 : undefined;
}

const ROLE_WORDS: Record<string, ObserverRole> = {
  short_term: "short_term",
  "short-term": "short_term",
  sto: "short_term",
  st: "short_term",
  long_term: "long_term",
  "long-term": "long_term",
  lto: "long_term",
  lt: "long_term",
  fixed: "fixed",
  краткосрочный: "short_term",
  долгосрочный: "long_term",
  стационарный: "fixed",
};

const SYNONYMS: Record<keyof RosterMapping, readonly string[]> = {
  code: ["code", "observer code", "observer", "id", "number", "код", "номер", "код наблюдателя"],
  name: ["name", "full name", "observer name", "имя", "фио", "ф.и.о.", "наблюдатель"],
  phone: ["phone", "telephone", "mobile", "phone number", "телефон", "мобильный"],
  languages: ["languages", "language", "языки", "язык"],
  accreditation: [
    "accreditation",
    "accreditation number",
    "accreditation no",
    "аккредитация",
    "удостоверение",
  ],
  role: ["role", "type", "роль", "тип"],
  team: ["team", "team code", "команда", "группа"],
  areas: ["areas", "area", "area codes", "regions", "территория", "районы"],
};

/** Guesses a roster mapping from header wording (English or Russian). */
export function suggestRosterMapping(header: readonly string[]): z.input<typeof RosterMapping> {
  const find = (key: keyof RosterMapping): string | undefined => {
    const wanted = new Set(SYNONYMS[key].map(normalizeHeader));
    return header.find((h) => wanted.has(normalizeHeader(h)));
  };
  const mapping: z.input<typeof RosterMapping> = {
    code: find("code") ?? "code",
    name: find("name") ?? "name",
  };
  for (const key of ["phone", "languages", "accreditation", "role", "team", "areas"] as const) {
    const column = find(key);
    if (column !== undefined) mapping[key] = column;
  }
  return mapping;
}

/** Parses a roster; teams are formed from the team column and need two or more observers. */
export function parseRoster(
  table: Table,
  mappingInput: z.input<typeof RosterMapping>,
  options: { defaultCountryCode?: string; maxIssues?: number } = {},
): Result<ParsedRoster, InputIssue[]> {
  const maxIssues = options.maxIssues ?? 200;
  const parsed = RosterMapping.safeParse(mappingInput);
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((issue) => ({
        path: ["mapping", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
        code: "invalid_mapping",
        message: issue.message,
      })),
    );
  }
  const mapping = parsed.data;
  const issues: InputIssue[] = [];
  const report = (issue: InputIssue) => {
    if (issues.length < maxIssues) issues.push(issue);
  };
  const column = (ref: ColumnRef | undefined, role: string) => {
    if (ref === undefined) return undefined;
    const resolved = resolveColumn(table.header, ref, role);
    if (!resolved.ok) {
      report({ ...resolved.error, line: table.headerLine });
      return undefined;
    }
    return { index: resolved.value, header: table.header[resolved.value] ?? "" };
  };
  const columns = {
    code: column(mapping.code, "observer code"),
    name: column(mapping.name, "name"),
    phone: column(mapping.phone, "phone"),
    languages: column(mapping.languages, "languages"),
    accreditation: column(mapping.accreditation, "accreditation"),
    role: column(mapping.role, "role"),
    team: column(mapping.team, "team"),
    areas: column(mapping.areas, "areas"),
  };
  if (issues.length > 0) {
    const hint = delimiterHint(table);
    return err(hint === undefined ? issues : [hint, ...issues]);
  }
  if (table.rows.length === 0)
    return err([
      { line: table.headerLine + 1, code: "no_rows", message: "the file has a header but no observers" },
    ]);

  const observers: ParsedObserver[] = [];
  const codes = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    if (table.format === "csv" && fields.length !== table.header.length) {
      report({
        line,
        code: "field_count",
        message: `the line has ${fields.length} fields, the header has ${table.header.length}`,
        params: { fields: fields.length, header: table.header.length },
      });
      continue;
    }
    const cell = (col: { index: number } | undefined) =>
      col === undefined ? "" : (fields[col.index] ?? "").trim();
    const at = (col: { header: string } | undefined) => col?.header ?? "";
    const code = cell(columns.code);
    if (!/^\d{3,12}$/.test(code)) {
      report({
        line,
        column: at(columns.code),
        code: code === "" ? "required" : "invalid_code",
        message:
          code === "" ? "the observer code is empty" : `observer codes are 3 to 12 digits, not "${code}"`,
        params: code === "" ? { what: "observer_code" } : { value: code },
      });
    } else {
      const first = codes.get(code);
      if (first !== undefined)
        report({
          line,
          column: at(columns.code),
          code: "duplicate_code",
          message: `observer code "${code}" is already on line ${first}`,
          params: { what: "observer", code, first },
        });
      else codes.set(code, line);
    }
    const name = cell(columns.name);
    if (name === "")
      report({
        line,
        column: at(columns.name),
        code: "required",
        message: "the name is empty",
        params: { what: "name" },
      });
    const phoneText = cell(columns.phone);
    let phone: string | null = null;
    if (phoneText !== "") {
      const normalised = normalizePhone(phoneText, options.defaultCountryCode);
      if (normalised === undefined) {
        report({
          line,
          column: at(columns.phone),
          code: "invalid_phone",
          message:
            options.defaultCountryCode === undefined && !/^\s*(\+|00)/.test(phoneText)
              ? `"${phoneText}" has no country code: write it as +<country><number> or give a default country code`
              : `"${phoneText}" is not a phone number`,
          params:
            options.defaultCountryCode === undefined && !/^\s*(\+|00)/.test(phoneText)
              ? { what: "no_country_code", value: phoneText }
              : { value: phoneText },
        });
      } else phone = normalised;
    }
    const languages = cell(columns.languages)
      .split(/[\s,;/]+/)
      .map((l) => l.toLowerCase())
      .filter((l) => l !== "");
    const badLanguage = languages.find((l) => !/^[a-z]{2,3}$/.test(l));
    if (badLanguage !== undefined)
      report({
        line,
        column: at(columns.languages),
        code: "invalid_language",
        message: `languages are ISO 639 codes such as en or ru, not "${badLanguage}"`,
        params: { value: badLanguage },
      });
    const roleText = cell(columns.role).toLowerCase();
    const role: ObserverRole | undefined = roleText === "" ? "short_term" : ROLE_WORDS[roleText];
    if (role === undefined)
      report({
        line,
        column: at(columns.role),
        code: "invalid_role",
        message: `role must be short_term, long_term or fixed, not "${roleText}"`,
        params: { value: roleText },
      });
    const accreditation = cell(columns.accreditation);
    if (accreditation.length > 64)
      report({
        line,
        column: at(columns.accreditation),
        code: "too_long",
        message: "the accreditation number is over 64 characters",
        params: { maximum: 64 },
      });
    const areaCodes = cell(columns.areas)
      .split(/[,;]+/)
      .map((a) => a.trim())
      .filter((a) => a !== "");
    observers.push({
      line,
      code,
      name,
      phone,
      languages: [...new Set(languages)],
      accreditation: accreditation === "" ? null : accreditation,
      role: role ?? "short_term",
      teamCode: cell(columns.team) || null,
      areaCodes,
    });
  }
  const teams = new Map<string, { code: string; observerCodes: string[]; line: number }>();
  for (const observer of observers) {
    if (observer.teamCode === null) continue;
    const team = teams.get(observer.teamCode) ?? {
      code: observer.teamCode,
      observerCodes: [],
      line: observer.line,
    };
    team.observerCodes.push(observer.code);
    teams.set(observer.teamCode, team);
  }
  for (const team of teams.values()) {
    if (team.observerCodes.length < 2)
      report({
        line: team.line,
        column: columns.team?.header ?? "",
        code: "team_too_small",
        message: `team "${team.code}" has one observer; a team has two or more`,
        params: { team: team.code },
      });
  }
  if (issues.length > 0) return err(issues);
  return ok({
    observers,
    teams: [...teams.values()].map(({ code, observerCodes }) => ({ code, observerCodes })),
  });
}
