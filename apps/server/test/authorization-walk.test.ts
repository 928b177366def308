/**
 * Walks every route of the generated OpenAPI document as each persona (anonymous, observer,
 * analyst, coordinator, steward = a coordinator granted the election, admin), on the persona's
 * own mission, on another mission of the same election and on a mission of another election,
 * and compares every answer with the table below. A route missing from the table fails, and so
 * does a route of the table the document no longer has.
 *
 * Reads are walked first, on the untouched fixture; then writes, with an empty JSON body (so a
 * caller the policy lets through gets the body's 400, or the handler's answer when there is no
 * body). Each persona deletes a results set, a match and an indicator of its own copy, so one
 * persona's delete never changes another's answer. `WALK_RECORD=1` prints the table as found.
 */
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import {
  type MissionFixture,
  nextAddress,
  PERSONAS,
  type Persona,
  personaUsername,
  seedWalkFixture,
  signInAs,
  TARGETS,
  type Target,
  WALK_FORM_FILE,
  type WalkFixture,
} from "./walk-fixture.ts";

/**
 * Expected status per route: own mission | another mission of the election | another election,
 * each as anonymous, observer, analyst, coordinator, steward, admin.
 */
const EXPECTED: Record<string, string> = {
  "GET /health": "200 200 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200",
  "GET /api/v1/me": "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 200 200 200 200 200",
  "GET /api/v1/auth/tokens": "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 200 200 200 200 200",
  "GET /api/v1/accounts": "401 403 403 403 403 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/accounts/:accountId/tokens":
    "401 403 403 403 403 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections": "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 200 200 200 200 200",
  "GET /api/v1/elections/:electionId/overview":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/administrators":
    "401 403 403 403 200 200 | 401 403 403 403 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/setup":
    "401 403 200 200 200 200 | 401 403 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/missions":
    "401 403 200 200 200 200 | 401 403 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/forms":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/forms/:formId/versions/:version":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 404 404 404 404 200",
  "GET /api/v1/forms/:formId/versions/:version/files/:name":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 404 404 404 404 200",
  "GET /api/v1/forms/:formId/versions/:version/xlsform":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 404 404 404 404 200",
  "GET /api/v1/missions/:missionId/directory":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/imports/:jobId": "401 403 403 200 200 200 | 401 403 403 404 404 200 | 401 403 403 404 404 200",
  "GET /api/v1/elections/:electionId/imports":
    "401 403 403 403 200 200 | 401 403 403 403 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/imports/mappings":
    "401 403 403 403 200 200 | 401 403 403 403 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/imports/mappings":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/plan":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/plan/versions":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/plan/versions/:version":
    "401 403 404 404 404 404 | 401 403 403 403 403 404 | 401 403 403 403 403 404",
  "GET /api/v1/missions/:missionId/plan/stations":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/frame":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/observers":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/teams":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/teams/:teamId/route":
    "401 200 403 200 200 200 | 401 404 403 404 404 200 | 401 404 403 404 404 200",
  "GET /api/v1/missions/:missionId/coverage":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/areas/shapes":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/analysis/indicators":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/analysis/indicators/:code/versions":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/analysis/estimates":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/analysis/observer-effects":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/analysis/export":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/analysis/pvt":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/analysis/comparison":
    "401 403 200 200 200 200 | 401 403 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/analysis/matches":
    "401 403 200 200 200 200 | 401 403 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/analysis/regions":
    "401 403 200 200 200 200 | 401 403 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/results-sets":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/forensics/:source":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/forensics/:source/report.html":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/elections/:electionId/forensics/:source/tables":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/observer/assignment":
    "401 200 403 403 403 403 | 401 200 403 403 403 403 | 401 200 403 403 403 403",
  "GET /log/checkpoint": "200 200 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200",
  "GET /log/key": "200 200 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200",
  "GET /log/tile/:*": "404 404 404 404 404 404 | 404 404 404 404 404 404 | 404 404 404 404 404 404",
  "GET /log/witnesses": "200 200 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200",
  "GET /api/v1/missions/:missionId/submissions":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/submissions/:submissionId":
    "401 200 200 200 200 200 | 401 404 404 404 404 200 | 401 404 404 404 404 200",
  "GET /api/v1/submissions/:submissionId/attachments/:sha256":
    "401 404 404 404 404 404 | 401 404 404 404 404 404 | 401 404 404 404 404 404",
  // Stations are the election's: every mission of it may open the page (each sees its own reports).
  "GET /api/v1/elections/:electionId/stations/:stationId":
    "401 403 200 200 200 200 | 401 403 200 200 200 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/incidents":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  // The walk's report raises no critical flag, so it is no incident: 404 to those who may look.
  "GET /api/v1/missions/:missionId/incidents/export":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/incidents/:submissionId":
    "401 403 404 404 404 404 | 401 403 403 403 403 404 | 401 403 403 403 403 404",
  "POST /api/v1/missions/:missionId/incidents/:submissionId/follow-ups":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "GET /api/v1/missions/:missionId/live":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/live/events":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/coverage/missing/export":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/missions/:missionId/forms/:formId/submissions/export":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "GET /api/v1/public/publications/:publicationId":
    "404 404 404 404 404 404 | 404 404 404 404 404 404 | 404 404 404 404 404 404",
  "GET /api/v1/public/publications/:publicationId/files/:name":
    "400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400",
  "GET /api/v1/public/publications/:publicationId/datapackage.zip":
    "404 404 404 404 404 404 | 404 404 404 404 404 404 | 404 404 404 404 404 404",
  "GET /api/v1/public/elections":
    "200 200 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200",
  "GET /api/v1/public/elections/:electionId":
    "404 404 404 404 404 404 | 404 404 404 404 404 404 | 404 404 404 404 404 404",
  "GET /odk/formList": "401 200 403 403 403 403 | 401 200 403 403 403 403 | 401 200 403 403 403 403",
  "GET /odk/forms/:formId/:version/form.xml":
    "401 200 403 403 403 403 | 401 404 403 403 403 403 | 401 404 403 403 403 403",
  "GET /odk/forms/:formId/:version/files/:name":
    "401 200 403 403 403 403 | 401 404 403 403 403 403 | 401 404 403 403 403 403",
  "GET /odk/forms/:formId/:version/manifest":
    "401 200 403 403 403 403 | 401 404 403 403 403 403 | 401 404 403 403 403 403",
  "POST /api/v1/auth/sign-in": "400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400",
  "POST /api/v1/auth/sign-out": "200 200 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200",
  "POST /api/v1/auth/sign-out-everywhere":
    "401 200 200 200 200 200 | 401 200 200 200 200 200 | 401 200 200 200 200 200",
  "POST /api/v1/me/password": "401 400 400 400 400 400 | 401 400 400 400 400 400 | 401 400 400 400 400 400",
  "POST /api/v1/auth/tokens": "401 400 400 400 400 400 | 401 400 400 400 400 400 | 401 400 400 400 400 400",
  "DELETE /api/v1/auth/tokens/:tokenId":
    "401 404 404 404 404 200 | 401 404 404 404 404 200 | 401 404 404 404 404 200",
  "POST /api/v1/setup/first-admin":
    "400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400",
  "POST /api/v1/accounts": "401 403 403 403 403 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "PATCH /api/v1/accounts/:accountId":
    "401 403 403 403 403 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "POST /api/v1/accounts/:accountId/password":
    "401 403 403 403 403 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "POST /api/v1/elections": "401 403 403 403 403 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "PUT /api/v1/elections/:electionId/administrators/:userId":
    "401 403 403 403 403 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "DELETE /api/v1/elections/:electionId/administrators/:userId":
    "401 403 403 403 403 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "PUT /api/v1/elections/:electionId/setup":
    "401 403 403 403 400 400 | 401 403 403 403 400 400 | 401 403 403 403 403 400",
  "POST /api/v1/elections/:electionId/missions":
    "401 403 403 403 403 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "PATCH /api/v1/missions/:missionId":
    "401 403 403 403 403 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "POST /api/v1/elections/:electionId/forms":
    "401 403 403 422 422 422 | 401 403 403 422 422 422 | 401 403 403 403 403 422",
  "PUT /api/v1/forms/:formId": "401 403 403 422 422 422 | 401 403 403 403 403 422 | 401 403 403 404 404 422",
  "POST /api/v1/elections/:electionId/imports/stations/uploads":
    "401 403 403 403 415 415 | 401 403 403 403 415 415 | 401 403 403 403 403 415",
  "POST /api/v1/elections/:electionId/imports/stations":
    "401 403 403 403 400 400 | 401 403 403 403 400 400 | 401 403 403 403 403 400",
  "PUT /api/v1/elections/:electionId/imports/mappings/:name":
    "401 403 403 403 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "POST /api/v1/missions/:missionId/imports/observers":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "POST /api/v1/missions/:missionId/plan":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "DELETE /api/v1/missions/:missionId/plan/versions/:version":
    "401 403 403 404 404 404 | 401 403 403 403 403 404 | 401 403 403 403 403 404",
  "POST /api/v1/missions/:missionId/plan/versions/:version/confirm":
    "401 403 403 404 404 404 | 401 403 403 403 403 404 | 401 403 403 403 403 404",
  "POST /api/v1/missions/:missionId/plan/imports":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "PATCH /api/v1/missions/:missionId/observers/:observerId":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "PUT /api/v1/missions/:missionId/observers/:observerId/areas":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "POST /api/v1/missions/:missionId/observers/:observerId/access":
    "401 403 403 201 201 201 | 401 403 403 403 403 201 | 401 403 403 403 403 201",
  "DELETE /api/v1/missions/:missionId/observers/:observerId/access":
    "401 403 403 204 204 204 | 401 403 403 403 403 204 | 401 403 403 403 403 204",
  "PUT /api/v1/missions/:missionId/teams/:teamCode":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "PUT /api/v1/missions/:missionId/teams/:teamId/route/:phaseCode":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "POST /api/v1/missions/:missionId/teams/:teamId/relocations":
    "401 400 403 400 400 400 | 401 404 403 404 404 400 | 401 404 403 404 404 400",
  "POST /api/v1/visits/:visitId/arrival":
    "401 200 403 200 200 200 | 401 404 403 404 404 200 | 401 404 403 404 404 200",
  "POST /api/v1/visits/:visitId/departure":
    "401 200 403 200 200 200 | 401 404 403 404 404 200 | 401 404 403 404 404 200",
  "PUT /api/v1/elections/:electionId/areas/shapes":
    "401 403 403 403 400 400 | 401 403 403 403 400 400 | 401 403 403 403 403 400",
  "PUT /api/v1/missions/:missionId/analysis/indicators/:code":
    "401 403 400 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "DELETE /api/v1/missions/:missionId/analysis/indicators/:code":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "PUT /api/v1/elections/:electionId/analysis/matches/:code":
    "401 403 400 400 400 400 | 401 403 403 403 403 400 | 401 403 404 404 404 400",
  "DELETE /api/v1/elections/:electionId/analysis/matches/:code":
    "401 403 200 200 200 200 | 401 403 403 403 403 200 | 401 403 404 404 404 200",
  "POST /api/v1/elections/:electionId/results-sets":
    "401 403 415 415 415 415 | 401 403 415 415 415 415 | 401 403 403 403 403 415",
  "DELETE /api/v1/elections/:electionId/results-sets/:setId":
    "401 403 204 204 204 204 | 401 403 403 403 403 204 | 401 403 404 404 404 204",
  "POST /log/cosignatures": "400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400",
  "POST /api/v1/submissions": "401 400 400 400 400 400 | 401 400 400 400 400 400 | 401 400 400 400 400 400",
  "POST /api/v1/missions/:missionId/paper-reports":
    "401 403 403 400 400 400 | 401 403 403 403 403 400 | 401 403 403 403 403 400",
  "POST /api/v1/submissions/batch":
    "401 400 400 400 400 400 | 401 400 400 400 400 400 | 401 400 400 400 400 400",
  "POST /api/v1/submissions/:submissionId/amendments":
    "401 400 403 400 400 400 | 401 404 403 404 404 400 | 401 404 403 404 404 400",
  "POST /api/v1/submissions/:submissionId/reviews":
    "401 403 403 400 400 400 | 401 403 403 404 404 400 | 401 403 403 404 404 400",
  "POST /api/v1/missions/:missionId/publications":
    "401 403 403 201 201 201 | 401 403 403 403 403 201 | 401 403 403 403 403 201",
  "POST /api/v1/missions/:missionId/publications/preview":
    "401 403 403 200 200 200 | 401 403 403 403 403 200 | 401 403 403 403 403 200",
  "POST /api/v1/attachments": "401 415 403 415 415 415 | 401 415 403 415 415 415 | 401 415 403 415 415 415",
  "POST /odk/submission": "401 400 403 403 403 403 | 401 400 403 403 403 403 | 401 400 403 403 403 403",
};

/** A path parameter's value for a persona acting on a target. */
function parameterValue(name: string, path: string, persona: Persona, mission: MissionFixture): string {
  switch (name) {
    case "missionId":
      return mission.id;
    case "electionId":
      return mission.electionId;
    case "formId":
      return mission.formId;
    case "version":
      return "1";
    case "setId":
    case "source":
      return mission.resultsSetIds[persona];
    case "code":
      return path.includes("/matches/")
        ? mission.matchCodes[persona]
        : path.endsWith("/versions")
          ? mission.indicatorCode
          : mission.retirableCodes[persona];
    case "name":
      return /\/forms\/.*\/files\//.test(path) ? WALK_FORM_FILE : mission.mappingName;
    case "observerId":
      return mission.observerIds[1];
    case "teamId":
      return mission.teamId;
    case "teamCode":
      return mission.teamCode;
    case "phaseCode":
      return mission.phaseCode;
    case "visitId":
      return mission.visitId;
    case "submissionId":
      return mission.submissionId;
    case "stationId": {
      const [stationId] = mission.stationIds;
      if (stationId === undefined) throw new Error("the walk's mission has no station");
      return stationId;
    }
    case "sha256":
      return "0".repeat(64);
    case "jobId":
      return mission.jobId;
    case "userId":
    case "accountId":
      return mission.granteeId;
    case "tokenId":
      return mission.tokenId;
    case "publicationId":
      return "00000000-0000-4000-8000-00000000abcd";
    case "*":
      return "0/x/000";
    default:
      throw new Error(`the walk does not know the path parameter ${name} of ${path}`);
  }
}

interface Operation {
  readonly method: string;
  readonly path: string;
}

const READS = new Set(["GET", "HEAD"]);

describeOnEachBackend("authorization: every route, every persona, own and others' data", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let fixture: WalkFixture;
  let operations: Operation[] = [];
  let baseUrl = "";
  const cookies = new Map<Persona, Record<string, string>>();

  beforeAll(async () => {
    store = getStore();
    // Every answer is checked against its route's declared response schema (a mismatch is a 500).
    app = await buildServer({ store, checkResponses: true });
    fixture = await seedWalkFixture(store, app);
    baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
    for (const persona of PERSONAS)
      if (persona !== "anonymous") cookies.set(persona, await signInAs(app, personaUsername(persona)));
    const doc = (await app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, methods] of Object.entries(doc.paths))
      for (const method of Object.keys(methods))
        operations.push({ method: method.toUpperCase(), path: path.replace(/\{([^}]+)\}/g, ":$1") });
    operations = [
      ...operations.filter((o) => READS.has(o.method)),
      ...operations.filter((o) => !READS.has(o.method)),
    ];
  }, 600_000);
  afterAll(async () => {
    await app.close();
  });

  async function answer(operation: Operation, persona: Persona, target: Target): Promise<number> {
    const mission = fixture.missions[target];
    const url = operation.path.replace(/:([A-Za-z0-9_]+|\*)|\*/g, (whole, name: string | undefined) =>
      encodeURIComponent(parameterValue(name ?? whole, operation.path, persona, mission)).replace(
        /%2F/g,
        "/",
      ),
    );
    // A live event stream never ends: its answer is its status line, read over a real socket.
    if (operation.path.endsWith("/events")) {
      const aborter = new AbortController();
      const cookie = persona === "anonymous" ? undefined : cookies.get(persona)?.["scrutiny_session"];
      const streamed = await fetch(`${baseUrl}${url}`, {
        signal: aborter.signal,
        headers: cookie === undefined ? {} : { cookie: `scrutiny_session=${cookie}` },
      });
      aborter.abort();
      return streamed.status;
    }
    const response = await app.inject({
      method: operation.method as "GET",
      url,
      remoteAddress: nextAddress(),
      ...(persona === "anonymous" ? {} : { cookies: cookies.get(persona) }),
      ...(READS.has(operation.method) ? {} : { payload: {} }),
    });
    // Signing out ends the persona's session: sign in again for the next route.
    if (operation.path.startsWith("/api/v1/auth/sign-out") && persona !== "anonymous")
      cookies.set(persona, await signInAs(app, personaUsername(persona)));
    return response.statusCode;
  }

  it("answers each route as the table says, and the table lists every route", async () => {
    const found: Record<string, string> = {};
    for (const operation of operations) {
      const row: string[] = [];
      for (const target of TARGETS) {
        const codes: number[] = [];
        for (const persona of PERSONAS) codes.push(await answer(operation, persona, target));
        row.push(codes.join(" "));
      }
      found[`${operation.method} ${operation.path}`] = row.join(" | ");
      if (process.env["WALK_RECORD"] === "1")
        console.log(`${operation.method} ${operation.path}: ${row.join(" | ")}`);
    }
    if (process.env["WALK_RECORD"] === "1")
      console.log(
        Object.entries(found)
          .map(([key, value]) => `  "${key}": "${value}",`)
          .join("\n"),
      );
    expect(Object.keys(found).sort()).toEqual(Object.keys(EXPECTED).sort());
    const mismatches = Object.keys(found).filter((key) => found[key] !== EXPECTED[key]);
    expect(mismatches.map((key) => `${key}: expected ${EXPECTED[key]}, got ${found[key]}`)).toEqual([]);
    // No walk request may crash the server.
    expect(Object.values(found).join(" ")).not.toMatch(/\b5\d\d\b/);
  }, 600_000);
});
