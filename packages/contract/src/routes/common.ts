import { z } from "zod";

export const ElectionParams = z.object({ electionId: z.uuid() });
export const MissionParams = z.object({ missionId: z.uuid() });

/**
 * A response not yet described field by field (its shape is the store's row type); typed
 * responses replace these route by route.
 */
export const Undescribed = z.unknown().describe("JSON (not yet described field by field)");
