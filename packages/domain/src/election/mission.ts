import { z } from "zod";
import { LocalizedTextSchema as LocalizedText } from "../forms/definition.ts";
import { Code, Id } from "./ids.ts";

/** International (e.g. OSCE/ODIHR), domestic (nonpartisan national groups) or citizen observers. */
export const MissionKind = z.enum(["international", "domestic", "citizen"]);
export type MissionKind = z.infer<typeof MissionKind>;

/** How a mission chose its stations; it decides what its percentages may claim. */
export const DeploymentDesign = z.enum(["simple_random", "stratified", "convenience"]);
export type DeploymentDesign = z.infer<typeof DeploymentDesign>;

export const Mission = z.object({
  id: Id,
  electionId: Id,
  code: Code,
  name: LocalizedText,
  kind: MissionKind,
  design: DeploymentDesign,
  /** Languages the mission works in (stored default en). */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .min(1)
    .max(20)
    .optional(),
});
export type Mission = z.infer<typeof Mission>;

export const E164Phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "phone number must be in E.164 form, e.g. +375291234567");

export const ObserverRole = z.enum(["short_term", "long_term", "fixed"]);
export type ObserverRole = z.infer<typeof ObserverRole>;

export const Observer = z.object({
  id: Id,
  missionId: Id,
  /** Digits only: the id observers type in coded SMS. */
  code: z.string().regex(/^\d{3,12}$/),
  name: z.string().min(1).max(200),
  phone: E164Phone.nullable(),
  languages: z.array(z.string().min(2).max(3)),
  accreditation: z.string().max(64).nullable(),
  role: ObserverRole,
});
export type Observer = z.infer<typeof Observer>;

export const Team = z.object({
  id: Id,
  missionId: Id,
  code: Code,
  observerIds: z.array(Id).min(1),
});
export type Team = z.infer<typeof Team>;

/** One planned station of a mission's deployment, with its inclusion probability. */
export const PlannedStation = z.object({
  missionId: Id,
  stationId: Id,
  stratum: z.string().min(1).max(120).nullable(),
  /** Probability the design selected this station; null for a convenience plan. */
  inclusionProbability: z.number().gt(0).lte(1).nullable(),
  reserve: z.boolean(),
});
export type PlannedStation = z.infer<typeof PlannedStation>;

/** A team at a station during one phase. Submissions belong to visits. */
export const Visit = z.object({
  id: Id,
  missionId: Id,
  teamId: Id,
  stationId: Id,
  phaseCode: Code,
  routeOrder: z.number().int().nonnegative(),
  arrivedAt: z.iso.datetime().nullable(),
  departedAt: z.iso.datetime().nullable(),
});
export type Visit = z.infer<typeof Visit>;
