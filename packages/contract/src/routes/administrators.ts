import { z } from "zod";
import { electionAdmin, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams } from "./common.ts";

export const AdministratorParams = ElectionParams.extend({ userId: z.uuid() });

export const ElectionAdministrator = z.object({
  userId: z.uuid(),
  username: z.string(),
  missionId: z.uuid().nullable(),
  grantedAt: z.string(),
});
const Administrators = z.object({ administrators: z.array(ElectionAdministrator) });

export const listElectionAdministrators = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/administrators",
  summary: "Accounts granted the administration of the election's shared data (besides administrators)",
  tags: ["elections"],
  params: ElectionParams,
  responses: { 200: Administrators },
  policy: roles(["coordinator"], electionAdmin()),
});

export const grantElectionAdministrator = defineRoute({
  method: "PUT",
  path: "/api/v1/elections/:electionId/administrators/:userId",
  summary:
    "Grant a coordinator of one of the election's missions the administration of its stations, areas, shared forms and station mappings",
  tags: ["elections"],
  params: AdministratorParams,
  responses: { 200: Administrators },
  policy: roles([]),
});

export const revokeElectionAdministrator = defineRoute({
  method: "DELETE",
  path: "/api/v1/elections/:electionId/administrators/:userId",
  summary: "Take back a grant of the election's administration",
  tags: ["elections"],
  params: AdministratorParams,
  responses: { 200: Administrators },
  policy: roles([]),
});
