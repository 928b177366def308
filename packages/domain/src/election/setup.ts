// How an election is described by the people who set it up: one schema for the API body, the
// `scrutiny election create --file` file (JSON or YAML) and what `scrutiny election export`
// writes. Areas and stations are not part of it: they come in through the station import.
import { z } from "zod";
import { LocalizedTextSchema as LocalizedText } from "../forms/definition.ts";
import { checkPhaseCodes, flagDuplicates, LanguageCode, Phase, TimeZone } from "./election.ts";
import { Code, IsoDate } from "./ids.ts";
import { DeploymentDesign, MissionKind } from "./mission.ts";

/** A candidate, or a party of a party-list contest. */
export const ContestEntry = z
  .object({
    code: Code,
    name: z.string().trim().min(1).max(200),
    /** The candidate's party (candidates only). */
    party: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ContestEntry = z.infer<typeof ContestEntry>;

export const BallotKind = z.enum(["candidates", "parties"]);
export type BallotKind = z.infer<typeof BallotKind>;

export const ContestSetup = z
  .object({
    code: Code,
    name: LocalizedText,
    /** Code of the area (constituency) the contest is held in; absent for a national contest. */
    area: Code.optional(),
    /** Whom the ballot lists: candidates (with their parties) or parties (list voting). */
    ballot: BallotKind.default("candidates"),
    entries: z.array(ContestEntry).min(1, "a contest lists at least one candidate or party").max(5000),
  })
  .strict()
  .superRefine((contest, ctx) => {
    flagDuplicates(
      contest.entries.map((e) => e.code),
      ["entries"],
      "code",
      ctx,
    );
    if (contest.ballot === "parties")
      contest.entries.forEach((entry, index) => {
        if (entry.party !== undefined)
          ctx.addIssue({
            code: "custom",
            path: ["entries", index, "party"],
            message: "a party-list contest lists parties: give their name, not a party",
            params: { code: "party_in_party_list" },
          });
      });
  });
export type ContestSetup = z.infer<typeof ContestSetup>;

const PhaseSetup = Phase.strict();

export const ElectionSetup = z
  .object({
    code: Code,
    name: LocalizedText,
    /** ISO 3166-1 alpha-2, e.g. "LT". */
    country: z.string().regex(/^[A-Z]{2}$/, "a country is an ISO 3166 code in capitals, e.g. LT"),
    electionDate: IsoDate,
    /** IANA zone every date and local time of the election is in. */
    timeZone: TimeZone,
    /** Languages of the election's materials, the first is the default. */
    languages: z.array(LanguageCode).min(1).max(20),
    phases: z.array(PhaseSetup).min(1, "an election has at least one phase (its election day)").max(60),
    contests: z.array(ContestSetup).max(2000).default([]),
  })
  .strict()
  .superRefine((election, ctx) => {
    checkPhaseCodes(election.phases, ctx);
    flagDuplicates(
      election.contests.map((c) => c.code),
      ["contests"],
      "code",
      ctx,
    );
    flagDuplicates(election.languages, ["languages"], null, ctx, "language");
    election.phases.forEach((phase, index) => {
      const misplaced =
        (phase.kind === "early_voting" && phase.date >= election.electionDate) ||
        ((phase.kind === "count" || phase.kind === "tabulation") && phase.date < election.electionDate);
      if (misplaced)
        ctx.addIssue({
          code: "custom",
          path: ["phases", index, "date"],
          params:
            phase.kind === "early_voting"
              ? { code: "early_voting_after_date", date: election.electionDate }
              : { code: "phase_before_date", kind: phase.kind, date: election.electionDate },
          message:
            phase.kind === "early_voting"
              ? `early voting comes before the election's date ${election.electionDate}`
              : `${phase.kind} cannot come before the election's date ${election.electionDate}`,
        });
    });
    if (!election.phases.some((p) => p.kind === "election_day" && p.date === election.electionDate))
      ctx.addIssue({
        code: "custom",
        path: ["phases"],
        message: `no election_day phase on the election's date ${election.electionDate}`,
        params: { code: "no_election_day", date: election.electionDate },
      });
  });
export type ElectionSetup = z.infer<typeof ElectionSetup>;
export type ElectionSetupInput = z.input<typeof ElectionSetup>;

/** A mission as its administrators describe it (API body and `scrutiny mission create`). */
export const MissionSetup = z
  .object({
    code: Code,
    name: LocalizedText,
    kind: MissionKind,
    languages: z.array(LanguageCode).min(1).max(20).default(["en"]),
    /** How it will choose stations; its plans set this as they are confirmed. */
    design: DeploymentDesign.default("convenience"),
  })
  .strict();
export type MissionSetup = z.infer<typeof MissionSetup>;
export type MissionSetupInput = z.input<typeof MissionSetup>;

/** What may change of a mission (its code and election are fixed). */
export const MissionPatch = z
  .object({
    name: LocalizedText.optional(),
    kind: MissionKind.optional(),
    languages: z.array(LanguageCode).min(1).max(20).optional(),
  })
  .strict();
export type MissionPatch = z.infer<typeof MissionPatch>;
