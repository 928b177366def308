import { z } from "zod";
import { LocalizedTextSchema as LocalizedText } from "../forms/definition.ts";
import { Code, Id, IsoDate } from "./ids.ts";

/** The stages of an election that observers report on; early voting spans several days. */
export const PhaseKind = z.enum(["early_voting", "election_day", "count", "tabulation"]);
export type PhaseKind = z.infer<typeof PhaseKind>;

/** A local wall-clock time in the election's zone, "07:00". */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a local time is HH:MM, e.g. 07:00");

export const Phase = z.object({
  code: Code,
  kind: PhaseKind,
  date: IsoDate,
  name: LocalizedText,
  /** When the phase begins and ends on its date, local time of the election's zone. */
  opensAt: LocalTime.optional(),
  closesAt: LocalTime.optional(),
});
export type Phase = z.infer<typeof Phase>;

/** An IANA zone name the runtime knows ("Europe/Vilnius", "America/La_Paz", "UTC"). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, {
    message: "unknown time zone: use an IANA name such as Europe/Vilnius",
    params: { code: "unknown_time_zone" },
  });

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reports an issue at `path.<index>.<field>` (or `path.<index>` without one) for each value seen before. */
export function flagDuplicates(
  values: readonly string[],
  path: readonly (string | number)[],
  field: string | null,
  ctx: z.RefinementCtx,
  label = field ?? "value",
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value))
      ctx.addIssue({
        code: "custom",
        path: field === null ? [...path, index] : [...path, index, field],
        message: `duplicate ${label} ${value}`,
        params: { code: "duplicate", value },
      });
    seen.add(value);
  });
}

/** Phase codes are unique within an election. */
export function checkPhaseCodes(phases: readonly { code: string }[], ctx: z.RefinementCtx): void {
  flagDuplicates(
    phases.map((p) => p.code),
    ["phases"],
    "code",
    ctx,
  );
}

export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, "a language is an ISO 639 code, e.g. en");

export const Election = z
  .object({
    id: Id,
    code: Code,
    name: LocalizedText,
    country: z.string().length(2),
    electionDate: IsoDate,
    phases: z.array(Phase).min(1),
    /** IANA time zone of the election: every time is shown in it, with the zone named (stored default UTC). */
    timeZone: TimeZone.optional(),
    /** Languages of the election's materials (ISO 639-1), the first is the default (stored default en). */
    languages: z.array(LanguageCode).min(1).max(20).optional(),
  })
  .superRefine((election, ctx) => checkPhaseCodes(election.phases, ctx));
export type Election = z.infer<typeof Election>;

/** A node in the administrative hierarchy (region > constituency > ...), of any depth. */
export const Area = z.object({
  id: Id,
  electionId: Id,
  parentId: Id.nullable(),
  level: z.string().min(1).max(40),
  code: Code,
  name: LocalizedText,
});
export type Area = z.infer<typeof Area>;

export const StationKind = z.enum(["regular", "abroad", "special"]);
export type StationKind = z.infer<typeof StationKind>;

export const PollingStation = z.object({
  id: Id,
  electionId: Id,
  areaId: Id,
  code: Code,
  name: z.string().min(1).max(300),
  address: z.string().max(500).nullable(),
  registeredVoters: z.number().int().nonnegative(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  kind: StationKind,
  /** Attributes used for stratification, e.g. `{ settlement: "urban" }`. */
  attributes: z.record(z.string(), z.string()),
});
export type PollingStation = z.infer<typeof PollingStation>;

export const Contest = z.object({
  id: Id,
  electionId: Id,
  /** The area the contest is held in (a constituency), or null for a national contest. */
  areaId: Id.nullable(),
  code: Code,
  name: LocalizedText,
});
export type Contest = z.infer<typeof Contest>;

export const Candidate = z.object({
  id: Id,
  contestId: Id,
  code: Code,
  name: z.string().min(1).max(200),
  party: z.string().max(200).nullable(),
});
export type Candidate = z.infer<typeof Candidate>;
