import { LocalizedTextSchema } from "@scrutiny/domain";
import { z } from "zod";
import { ownElection, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";

export const StationPageParams = z.object({ electionId: z.uuid(), stationId: z.uuid() });

const Count = z.number().int();
const Field = z.object({
  field: z.string(),
  observed: z.number().nullable(),
  published: z.number().nullable(),
  difference: z.number().nullable(),
});

export const StationPage = z.object({
  station: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    registeredVoters: Count,
    kind: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    areas: z.array(z.object({ level: z.string(), code: z.string(), name: LocalizedTextSchema })),
  }),
  /** The missions whose visits and reports are shown: the caller's own (every one for admins). */
  missions: z.array(z.object({ id: z.uuid(), code: z.string(), name: LocalizedTextSchema })),
  visits: z.array(
    z.object({
      missionId: z.uuid(),
      phaseCode: z.string(),
      teamCode: z.string(),
      routeOrder: Count,
      arrivedAt: z.string().nullable(),
      departedAt: z.string().nullable(),
    }),
  ),
  reports: z.array(
    z.object({
      submissionId: z.uuid(),
      missionId: z.uuid(),
      formId: z.uuid(),
      formKind: z.string(),
      formTitle: LocalizedTextSchema,
      phaseCode: z.string(),
      submittedAt: z.string(),
      status: z.string(),
      flags: Count,
    }),
  ),
  protocols: z.array(
    z.object({
      contestId: z.uuid(),
      contestCode: z.string(),
      contestName: LocalizedTextSchema,
      registeredVoters: Count,
      ballotsIssued: Count,
      valid: Count,
      invalid: Count,
      turnout: z.number().nullable(),
      votes: z.array(
        z.object({ code: z.string(), name: z.string(), party: z.string().nullable(), votes: Count }),
      ),
    }),
  ),
  /**
   * Each counting report against the published protocol of its contest, field by field (the PVT
   * comparison at this station); quarantined reports are left out.
   */
  comparison: z.array(
    z.object({
      submissionId: z.uuid(),
      missionId: z.uuid(),
      contestId: z.uuid().nullable(),
      fields: z.array(Field),
      differences: Count,
    }),
  ),
});
export type StationPage = z.infer<typeof StationPage>;

export const stationPage = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/stations/:stationId",
  summary:
    "One polling station: its areas, the visits and reports of the caller's mission across phases, its official protocols and the observed-against-published comparison",
  tags: ["stations"],
  params: StationPageParams,
  responses: { 200: StationPage },
  policy: roles(["coordinator", "analyst"], ownElection()),
});
