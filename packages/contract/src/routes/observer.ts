import { ObserverAssignment } from "@scrutiny/domain";
import { roles } from "../policy.ts";
import { defineRoute } from "../route.ts";

export const assignment = defineRoute({
  method: "GET",
  path: "/api/v1/observer/assignment",
  summary: "The signed-in observer's route, stations, phases and forms, for working offline",
  tags: ["observer"],
  responses: { 200: ObserverAssignment },
  policy: roles(["observer"]),
});
