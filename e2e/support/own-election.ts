/**
 * An election of our own for browser tests, set up through the public HTTP API only (nothing of
 * the demo, no store calls but the first administrator): district elections with a special-voting
 * day and polling day, twelve polling stations in three districts, one citizen mission and its
 * coordinator.
 */
import { randomUUID } from "node:crypto";
import { hashPassword } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";

export const ownElection = {
  adminUsername: "returning-officer",
  adminPassword: "kente-weave-2032-admin",
  coordinatorUsername: "abena.coord",
  coordinatorPassword: "volta-basin-2032-coord",
  setup: {
    code: "gh-district-2032",
    name: { en: "District Assembly elections 2032" },
    country: "GH",
    electionDate: "2032-12-14",
    timeZone: "Africa/Accra",
    languages: ["en"],
    phases: [
      {
        code: "special-voting",
        kind: "early_voting",
        date: "2032-12-10",
        name: { en: "Special voting" },
        opensAt: "07:00",
        closesAt: "17:00",
      },
      {
        code: "polling-day",
        kind: "election_day",
        date: "2032-12-14",
        name: { en: "Polling day" },
        opensAt: "07:00",
        closesAt: "17:00",
      },
    ],
    contests: [
      {
        code: "assembly-member",
        name: { en: "Assembly member" },
        entries: [
          { code: "AM1", name: "Kwame Asante" },
          { code: "AM2", name: "Efua Mensah" },
        ],
      },
    ],
  },
  mission: { code: "watch-gh", name: { en: "Citizen Watch" }, kind: "citizen", languages: ["en"] },
} as const;

/** Twelve polling stations, four in each of three districts. */
export function stationsCsv(): string {
  const lines = ["PS Code;Polling Station;Voters;District"];
  const districts = ["KMA", "TMA", "HO"];
  for (let i = 0; i < 12; i++) {
    const district = districts[Math.floor(i / 4)] ?? "KMA";
    lines.push(`${district}-${String(101 + i)};Community Centre ${i + 1};${400 + i * 13};${district}`);
  }
  return `${lines.join("\n")}\n`;
}

/** How the station import reads `stationsCsv()`'s columns. */
export const stationsMapping = {
  code: "PS Code",
  name: "Polling Station",
  registeredVoters: "Voters",
  areas: [{ level: "district", code: "District" }],
} as const;

export interface OwnElection {
  readonly electionId: string;
  readonly missionId: string;
}

/** A signed-in caller of the API (a session cookie). */
export async function apiAs(baseUrl: string, username: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return async (method: string, path: string, body?: unknown, contentType = "application/json") => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": contentType }) },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    // biome-ignore lint/suspicious/noExplicitAny: JSON answers in tests
    return (text === "" ? undefined : JSON.parse(text)) as any;
  };
}

/** The first administrator, straight into the store (what `scrutiny admin create` does). */
export async function seedAdministrator(store: Store): Promise<void> {
  await store.users.insertMany([
    {
      id: randomUUID(),
      username: ownElection.adminUsername,
      displayName: "Returning officer",
      role: "admin",
      missionId: null,
      observerId: null,
      locale: "en",
      passwordHash: await hashPassword(ownElection.adminPassword),
    },
  ]);
}

/** Imports stations into an election as an administrator does (upload, mapping, job to its end). */
export async function importStations(
  admin: Awaited<ReturnType<typeof apiAs>>,
  electionId: string,
  stations: { csv: string; mapping: Record<string, unknown> },
): Promise<void> {
  const upload = await admin(
    "POST",
    `/api/v1/elections/${electionId}/imports/stations/uploads?fileName=stations.csv`,
    stations.csv,
    "application/octet-stream",
  );
  const started = await admin("POST", `/api/v1/elections/${electionId}/imports/stations`, {
    uploadId: upload.uploadId,
    mapping: stations.mapping,
  });
  for (let attempt = 0; ; attempt++) {
    const { job } = await admin("GET", `/api/v1/imports/${started.job.id}`);
    if (job.status === "succeeded") return;
    if (job.status === "failed" || attempt > 200) throw new Error(`station import: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The election, its stations (these, or the twelve above), the mission and its coordinator, through the API. */
export async function setUpOwnElection(
  baseUrl: string,
  stations: { csv: string; mapping: Record<string, unknown> } = {
    csv: stationsCsv(),
    mapping: stationsMapping,
  },
): Promise<OwnElection> {
  const admin = await apiAs(baseUrl, ownElection.adminUsername, ownElection.adminPassword);
  const created = await admin("POST", "/api/v1/elections", ownElection.setup);
  const electionId: string = created.election.id;
  await importStations(admin, electionId, stations);
  const { mission } = await admin("POST", `/api/v1/elections/${electionId}/missions`, ownElection.mission);
  await admin("POST", "/api/v1/accounts", {
    username: ownElection.coordinatorUsername,
    displayName: "Abena Owusu",
    role: "coordinator",
    missionId: mission.id,
    password: ownElection.coordinatorPassword,
  });
  return { electionId, missionId: mission.id };
}
