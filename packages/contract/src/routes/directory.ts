import { z } from "zod";
import { ownMission, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { MissionParams, StationSearch } from "./common.ts";

export const DirectoryStation = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  areaId: z.uuid(),
});
export type DirectoryStation = z.infer<typeof DirectoryStation>;

/** Names behind the ids of a mission's reports: stations, observers and people (display names only). */
export const Directory = z.object({
  stations: z.array(DirectoryStation),
  observers: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  users: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
});

/** Comma-separated UUIDs, at most 500 (ten pages of reports). */
const idList = z
  .string()
  .max(500 * 37)
  .transform((text) => [...new Set(text.split(",").filter((id) => id !== ""))])
  .pipe(z.array(z.uuid()).max(500))
  .optional();

export const DirectoryQuery = z.object({
  stationIds: idList,
  observerIds: idList,
  userIds: idList,
  /** Part of a station's code or name (case-insensitive); an exact code comes first. */
  stationCode: StationSearch.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const missionDirectory = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/directory",
  summary: "Codes and names of the stations, observers and people a mission's reports refer to",
  tags: ["submissions"],
  params: MissionParams,
  query: DirectoryQuery,
  responses: { 200: Directory },
  policy: roles(["coordinator", "analyst"], ownMission()),
});
