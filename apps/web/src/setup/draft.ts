// The election set-up form's state, and its translation to and from the one set-up schema
// (ElectionSetup, @scrutiny/domain) that the API and the election file share.
import type { ElectionSetup, ElectionSetupInput, PhaseKind } from "@scrutiny/domain";

/** A name in each of the election's languages, by language code. */
export type Names = Readonly<Record<string, string>>;

export interface DraftPhase {
  readonly code: string;
  readonly kind: PhaseKind;
  readonly date: string;
  readonly names: Names;
  readonly opensAt: string;
  readonly closesAt: string;
}

export interface DraftContest {
  readonly code: string;
  readonly names: Names;
  readonly area: string;
  readonly ballot: "candidates" | "parties";
  /** One entry a line: `code | name | party`. */
  readonly entries: string;
}

export interface Draft {
  readonly code: string;
  /** The election's name in each of its languages. */
  readonly names: Names;
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
  phases: [{ code: "election-day", kind: "election_day", date: "", names: {}, opensAt: "", closesAt: "" }],
  contests: [],
};

export const languagesOf = (draft: Pick<Draft, "languages">): string[] =>
  draft.languages
    .split(",")
    .map((l) => l.trim())
    .filter((l) => l !== "");

export const firstLanguage = (draft: Pick<Draft, "languages">): string => languagesOf(draft)[0] ?? "en";

/**
 * The names in the election's languages, empty ones left out (a language taken off the list
 * takes its names with it; with no list yet, every name is kept).
 */
export function namesIn(names: Names, languages: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(names)
      .filter(
        ([language, value]) =>
          value.trim() !== "" && (languages.length === 0 || languages.includes(language)),
      )
      .map(([language, value]) => [language, value.trim()]),
  );
}

/** The draft as the set-up schema's input; the schema then says what is wrong, by path. */
export function toSetup(draft: Draft): ElectionSetupInput {
  const languages = languagesOf(draft);
  return {
    code: draft.code.trim(),
    name: namesIn(draft.names, languages),
    country: draft.country.trim().toUpperCase(),
    electionDate: draft.electionDate,
    timeZone: draft.timeZone.trim(),
    languages: languagesOf(draft),
    phases: draft.phases.map((p) => ({
      code: p.code.trim(),
      kind: p.kind,
      date: p.date,
      name: namesIn(p.names, languages),
      ...(p.opensAt === "" ? {} : { opensAt: p.opensAt }),
      ...(p.closesAt === "" ? {} : { closesAt: p.closesAt }),
    })),
    contests: draft.contests.map((c) => ({
      code: c.code.trim(),
      name: namesIn(c.names, languages),
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
      names: p.name,
      opensAt: p.opensAt ?? "",
      closesAt: p.closesAt ?? "",
    })),
    contests: setup.contests.map((c) => ({
      code: c.code,
      names: c.name,
      area: c.area ?? "",
      ballot: c.ballot,
      entries: c.entries.map((e) => [e.code, e.name, ...(e.party ? [e.party] : [])].join(" | ")).join("\n"),
    })),
  };
}
