import { z } from "zod";

export const ElectionParams = z.object({ electionId: z.uuid() });
export const MissionParams = z.object({ missionId: z.uuid() });

/** Text keyed by language code, as answers carry names of elections, phases, missions. */
export const Localized = z.record(z.string(), z.string());

/** A moment as answers carry it: ISO 8601 text (a stored Date is sent as its `toJSON`). */
export const Instant = z.string();

/**
 * A value whose shape is the caller's own (a form's answer, a mapping's free columns): any JSON.
 * Named so that the check for undescribed responses can tell it from a forgotten schema.
 */
export const ANY_JSON = "any JSON value (its shape is the caller's own)";
export const AnyJson = z.unknown().describe(ANY_JSON);

/** Part of a polling station's code or name, as every station search takes it. */
export const StationSearch = z.string().trim().min(1).max(64);
