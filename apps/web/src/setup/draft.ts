// The election set-up form's state, and its translation to and from the one set-up schema
// (ElectionSetup, @scrutiny/domain) that the API and the election file share.
import type { ElectionSetup, ElectionSetupInput, PhaseKind } from "@scrutiny/domain";

export interface DraftPhase {
  readonly code: string;
  readonly kind: PhaseKind;
  readonly date: string;
  readonly name: string;
  readonly opensAt: string;
  readonly closesAt: string;
}

export interface DraftContest {
  readonly code: string;
  readonly name: string;
  readonly area: string;
  readonly ballot: "candidates" | "parties";
  /** One entry a line: `code | name | party`. */
  readonly entries: string;
}

export interface Draft {
  readonly code: string;
  /** Names in every language as loaded; the form edits the first language's. */
  readonly names: Readonly<Record<string, string>>;
  readonly country: string;
  readonly electionDate: string;
  readonly timeZone: string;
  /** Comma-separated language codes, the first the default. */
  readonly languages: string;
  readonly phases: readonly DraftPhase[];
  readonly contests: readonly DraftContest[];
}

export const emptyDraft: Draft = {
  code: "",
  names: {},
  country: "",
  electionDate: "",
  timeZone: "UTC",
  languages: "en",
  phases: [{ code: "election-day", kind: "election_day", date: "", name: "", opensAt: "", closesAt: "" }],
  contests: [],
};

export const languagesOf = (draft: Pick<Draft, "languages">): string[] =>
  draft.languages
    .split(",")
    .map((l) => l.trim())
    .filter((l) => l !== "");

export const firstLanguage = (draft: Pick<Draft, "languages">): string => languagesOf(draft)[0] ?? "en";

const text = (value: string, language: string): Record<string, string> =>
  value.trim() === "" ? {} : { [language]: value.trim() };

/** The draft as the set-up schema's input; the schema then says what is wrong, by path. */
export function toSetup(draft: Draft): ElectionSetupInput {
  const language = firstLanguage(draft);
  return {
    code: draft.code.trim(),
    name: Object.fromEntries(Object.entries(draft.names).filter(([, v]) => v.trim() !== "")),
    country: draft.country.trim().toUpperCase(),
    electionDate: draft.electionDate,
    timeZone: draft.timeZone.trim(),
    languages: languagesOf(draft),
    phases: draft.phases.map((p) => ({
      code: p.code.trim(),
      kind: p.kind,
      date: p.date,
      name: text(p.name, language),
      ...(p.opensAt === "" ? {} : { opensAt: p.opensAt }),
      ...(p.closesAt === "" ? {} : { closesAt: p.closesAt }),
    })),
    contests: draft.contests.map((c) => ({
      code: c.code.trim(),
      name: text(c.name, language),
      ...(c.area.trim() === "" ? {} : { area: c.area.trim() }),
      ballot: c.ballot,
      entries: c.entries
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => {
          const [code = "", name = "", party = ""] = line.split("|").map((part) => part.trim());
          return { code, name, ...(party === "" ? {} : { party }) };
        }),
    })),
  };
}

/** A stored or loaded set-up as the form's state. */
export function fromSetup(setup: ElectionSetup): Draft {
  const language = setup.languages[0] ?? "en";
  const inLanguage = (t: Readonly<Record<string, string>>) => t[language] ?? Object.values(t)[0] ?? "";
  return {
    code: setup.code,
    names: setup.name,
    country: setup.country,
    electionDate: setup.electionDate,
    timeZone: setup.timeZone,
    languages: setup.languages.join(", "),
    phases: setup.phases.map((p) => ({
      code: p.code,
      kind: p.kind,
      date: p.date,
      name: inLanguage(p.name),
      opensAt: p.opensAt ?? "",
      closesAt: p.closesAt ?? "",
    })),
    contests: setup.contests.map((c) => ({
      code: c.code,
      name: inLanguage(c.name),
      area: c.area ?? "",
      ballot: c.ballot,
      entries: c.entries.map((e) => [e.code, e.name, ...(e.party ? [e.party] : [])].join(" | ")).join("\n"),
    })),
  };
}
