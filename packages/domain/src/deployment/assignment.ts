// What an observer's phone downloads after sign-in and keeps for working without a signal:
// who they are, their mission and election (with its phases), every stop of their teams' routes
// and the current version of every form they may fill in. One schema for server and app.
import { z } from "zod";
import { Phase } from "../election/election.ts";
import { Id } from "../election/ids.ts";
import { LocalizedTextSchema } from "../forms/definition.ts";

const Timestamp = z.iso.datetime({ offset: true });

export const ObserverStop = z.object({
  visitId: Id,
  teamId: Id,
  teamCode: z.string(),
  phaseCode: z.string(),
  routeOrder: z.number().int(),
  stationId: Id,
  stationCode: z.string(),
  stationName: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** Check-in (arrival) and check-out (departure) times, when recorded. */
  arrivedAt: Timestamp.nullable(),
  departedAt: Timestamp.nullable(),
});
export type ObserverStop = z.infer<typeof ObserverStop>;

export const ObserverAssignment = z.object({
  observer: z.object({ id: Id, code: z.string(), name: z.string() }),
  mission: z.object({ id: Id, code: z.string(), name: LocalizedTextSchema }),
  election: z.object({ id: Id, code: z.string(), name: LocalizedTextSchema, phases: z.array(Phase) }),
  stops: z.array(ObserverStop),
  /** Current versions; the definition is a FormDefinition (checked by the server when stored). */
  forms: z.array(
    z.object({
      formId: Id,
      code: z.string(),
      kind: z.string(),
      version: z.number().int(),
      definition: z
        .unknown()
        .describe("a FormDefinition (checked by the server when stored; the app parses it again)"),
    }),
  ),
  fetchedAt: Timestamp,
});
export type ObserverAssignment = z.infer<typeof ObserverAssignment>;

/** Which forms an observer fills in during a phase of each kind (incident reports at any time). */
export const FORM_KINDS_BY_PHASE: Readonly<Record<string, readonly string[]>> = {
  early_voting: ["opening", "voting", "incident"],
  election_day: ["opening", "voting", "incident"],
  count: ["counting", "incident"],
  tabulation: ["tabulation", "incident"],
};
