/**
 * An election for the every-page browser sweep, set up through the public HTTP API: bilingual
 * (names in English and Russian, forms in both; what has one language only, station and observer
 * names and free text, is in Russian, so that English on a Russian page comes from the product),
 * 36 stations in six wards with uploaded boundaries, a confirmed sample, six teams of observers, a
 * voting checklist with an assessment and a critical question, an incident form, reports from
 * every team, official results, an assessment indicator and a published snapshot: enough for
 * every page and figure to have something to show.
 */
import { randomUUID } from "node:crypto";
import { apiAs, importStations, ownElection } from "./own-election.ts";

export const sweepAccounts = {
  admin: { username: ownElection.adminUsername, password: ownElection.adminPassword },
  coordinator: { username: "mira.coord", password: "lake-ohrid-2031-coord" },
  analyst: { username: "teodor.analyst", password: "lake-prespa-2031-analyst" },
} as const;

const WARDS = ["Zapad", "Vostok", "Sever", "Yug", "Tsentr", "Prigorod"] as const;
const STATIONS_PER_WARD = 6;
const TEAMS = ["ALFA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"] as const;

export interface SweepElection {
  readonly electionId: string;
  readonly missionId: string;
  readonly stationId: string;
  readonly submissionId: string;
  readonly formId: string;
  readonly publicationId: string;
  readonly observer: { readonly username: string; readonly accessCode: string; readonly visitId: string };
}

const setup = {
  code: "mk-local-2031",
  name: { en: "Municipal elections 2031", ru: "Муниципальные выборы 2031" },
  country: "MK",
  electionDate: "2031-10-19",
  timeZone: "Europe/Skopje",
  languages: ["en", "ru"],
  phases: [
    {
      code: "advance",
      kind: "early_voting",
      date: "2031-10-17",
      name: { en: "Advance voting", ru: "Досрочное голосование" },
      opensAt: "07:00",
      closesAt: "19:00",
    },
    {
      code: "main-day",
      kind: "election_day",
      date: "2031-10-19",
      name: { en: "Main voting day", ru: "Основной день голосования" },
      opensAt: "07:00",
      closesAt: "19:00",
    },
  ],
  contests: [
    {
      code: "mayor",
      name: { en: "Mayor", ru: "Мэр" },
      entries: [
        { code: "M1", name: "Ilina Petrovska" },
        { code: "M2", name: "Goran Stojanovski" },
        { code: "M3", name: "Vesna Trajkovska" },
      ],
    },
  ],
} as const;

const stationCodes = WARDS.flatMap((ward, w) =>
  Array.from({ length: STATIONS_PER_WARD }, (_, i) => `${ward.slice(0, 3).toUpperCase()}-${w}${i}`),
);

function stationsCsv(): string {
  const lines = ["Code,Name,Voters,Ward"];
  stationCodes.forEach((code, s) => {
    const ward = WARDS[Math.floor(s / STATIONS_PER_WARD)];
    lines.push(`${code},Основная школа № ${s + 1},${600 + (s % STATIONS_PER_WARD) * 37},${ward}`);
  });
  return `${lines.join("\n")}\n`;
}

/** Six wards in two rows of three, west to east; counter-clockwise rings (RFC 7946). */
function wardBoundaries() {
  return {
    type: "FeatureCollection",
    features: WARDS.map((ward, w) => {
      const west = 21.3 + (w % 3) * 0.05;
      const south = 41.95 + Math.floor(w / 3) * 0.04;
      const ring = [
        [west, south],
        [west + 0.05, south],
        [west + 0.05, south + 0.04],
        [west, south + 0.04],
        [west, south],
      ];
      return {
        type: "Feature",
        properties: { code: ward },
        geometry: { type: "Polygon", coordinates: [ring] },
      };
    }),
  };
}

const yesNo = [
  { name: "yes", label: { en: "Yes", ru: "Да" } },
  { name: "no", label: { en: "No", ru: "Нет" } },
];

/** A form of both languages. */
function form(kind: string, title: { en: string; ru: string }, choiceLists: object, items: object[]) {
  return {
    id: randomUUID(),
    version: 1,
    kind,
    title,
    languages: ["en", "ru"],
    defaultLanguage: "en",
    choiceLists,
    items,
    checks: [],
  };
}

const votingForm = form(
  "voting",
  { en: "Voting checklist", ru: "Контрольный лист голосования" },
  {
    yn: yesNo,
    grade: [
      { name: "very_good", label: { en: "Very good", ru: "Очень хорошо" } },
      { name: "good", label: { en: "Good", ru: "Хорошо" } },
      { name: "bad", label: { en: "Bad", ru: "Плохо" } },
      { name: "very_bad", label: { en: "Very bad", ru: "Очень плохо" } },
    ],
  },
  [
    {
      type: "yes_no",
      name: "box_sealed",
      label: { en: "Was the ballot box sealed?", ru: "Была ли урна опечатана?" },
      listName: "yn",
      required: true,
      critical: true,
      criticalWhen: ". = 'no'",
    },
    {
      type: "integer",
      name: "voters_in_line",
      label: { en: "Voters waiting in line", ru: "Избиратели в очереди" },
      min: 0,
      max: 2000,
      required: true,
    },
    { type: "text", name: "remarks", label: { en: "Remarks", ru: "Замечания" } },
    {
      type: "assessment",
      name: "overall",
      label: { en: "Overall assessment of voting", ru: "Общая оценка голосования" },
      listName: "grade",
      required: true,
    },
  ],
);

const incidentForm = form("incident", { en: "Incident report", ru: "Сообщение об инциденте" }, {}, [
  {
    type: "text",
    name: "what_happened",
    label: { en: "What happened?", ru: "Что произошло?" },
    required: true,
  },
]);

function resultsCsv(): string {
  const rows = ["Ward;Station;Electors;Ballots;Valid;Spoilt;Petrovska;Stojanovski;Trajkovska"];
  stationCodes.forEach((code, s) => {
    const electors = 600 + (s % STATIONS_PER_WARD) * 37;
    const ballots = Math.round(electors * (0.45 + ((s * 7) % 13) / 60));
    const spoilt = 3 + (s % 5);
    const valid = ballots - spoilt;
    const a = Math.round(valid * (0.3 + (s % 4) / 20));
    const b = Math.round(valid * 0.35);
    rows.push(
      [
        WARDS[Math.floor(s / STATIONS_PER_WARD)],
        code,
        electors,
        ballots,
        valid,
        spoilt,
        a,
        b,
        valid - a - b,
      ].join(";"),
    );
  });
  return rows.join("\n");
}

export async function setUpSweepElection(baseUrl: string): Promise<SweepElection> {
  const admin = await apiAs(baseUrl, ownElection.adminUsername, ownElection.adminPassword);
  const { election } = await admin("POST", "/api/v1/elections", setup);
  const electionId: string = election.id;
  await importStations(admin, electionId, {
    csv: stationsCsv(),
    mapping: {
      code: "Code",
      name: "Name",
      registeredVoters: "Voters",
      areas: [{ level: "ward", code: "Ward" }],
    },
  });
  await admin("PUT", `/api/v1/elections/${electionId}/areas/shapes`, wardBoundaries());
  const { mission } = await admin("POST", `/api/v1/elections/${electionId}/missions`, {
    code: "civic-eye",
    name: { en: "Civic Eye", ru: "Гражданское око" },
    kind: "citizen",
    languages: ["en", "ru"],
  });
  const missionId: string = mission.id;
  for (const [role, account] of [
    ["coordinator", sweepAccounts.coordinator],
    ["analyst", sweepAccounts.analyst],
  ] as const)
    await admin("POST", "/api/v1/accounts", {
      ...account,
      displayName: account.username,
      role,
      missionId,
    });

  const coordinator = await apiAs(
    baseUrl,
    sweepAccounts.coordinator.username,
    sweepAccounts.coordinator.password,
  );
  await coordinator("POST", `/api/v1/missions/${missionId}/plan`, {
    design: "simple_random",
    size: WARDS.length * STATIONS_PER_WARD - 6,
    seed: 11,
  });
  await coordinator("POST", `/api/v1/missions/${missionId}/plan/versions/1/confirm`);
  const roster = TEAMS.flatMap((team, t) => [
    `${7100 + 2 * t},Наблюдатель ${team}-1,${team}`,
    `${7101 + 2 * t},Наблюдатель ${team}-2,${team}`,
  ]);
  await coordinator("POST", `/api/v1/missions/${missionId}/imports/observers`, {
    content: `code,name,team\n${roster.join("\n")}\n`,
  });
  const { teams } = await coordinator("GET", `/api/v1/missions/${missionId}/teams`);
  const { stations } = await coordinator("GET", `/api/v1/missions/${missionId}/plan/stations?limit=100`);
  const stationIds: string[] = stations.map((s: { stationId: string }) => s.stationId);

  const created = async (definition: unknown) =>
    (await coordinator("POST", `/api/v1/elections/${electionId}/forms`, definition)).form;
  const voting = await created(votingForm);
  const incident = await created(incidentForm);
  const votingId: string = voting.formId;
  const incidentId: string = incident.formId;

  // Each team reports from ten stations, every station seen by several teams; ALFA, BRAVO and
  // CHARLIE grade harshly (their labels sit side by side at the top of the severity chart).
  let submissionId = "";
  for (const [t, team] of (teams as { id: string; members: { id: string }[] }[]).entries()) {
    const observerId = team.members[0]?.id;
    for (let k = 0; k < 10; k++) {
      const s = (t * 3 + k * 5) % stationIds.length;
      const harsh = t < 3 ? k < 8 : t === 5 ? false : k === 0;
      const id = randomUUID();
      if (submissionId === "") submissionId = id;
      await coordinator("POST", `/api/v1/missions/${missionId}/paper-reports`, {
        id,
        formId: votingId,
        formVersion: voting.version,
        stationId: stationIds[s],
        phaseCode: k === 9 ? "advance" : "main-day",
        observerId,
        teamId: team.id,
        submittedAt: `2031-10-${k === 9 ? "17" : "19"}T${String(8 + (k % 9)).padStart(2, "0")}:${String(10 + t).padStart(2, "0")}:00+02:00`,
        answers: {
          box_sealed: t === 3 && k === 1 ? "no" : "yes",
          voters_in_line: 5 + t * 3 + k,
          ...(k === 2 ? { remarks: "Очередь у входа двигалась медленно" } : {}),
          overall: harsh ? "bad" : k % 3 === 0 ? "very_good" : "good",
        },
      });
    }
    if (t < 2)
      await coordinator("POST", `/api/v1/missions/${missionId}/paper-reports`, {
        id: randomUUID(),
        formId: incidentId,
        formVersion: incident.version,
        stationId: stationIds[t],
        phaseCode: "main-day",
        observerId,
        teamId: team.id,
        submittedAt: "2031-10-19T12:30:00+02:00",
        answers: { what_happened: "Агитационные материалы внутри участка" },
      });
  }

  await coordinator("PUT", `/api/v1/missions/${missionId}/analysis/indicators/voting-bad`, {
    kind: "share",
    name: { en: "Voting assessed bad", ru: "Голосование оценено плохо" },
    unit: "visit",
    formKind: "voting",
    condition: "${overall} = 'bad' or ${overall} = 'very_bad'",
    assessment: { question: "overall", scale: ["very_good", "good", "bad", "very_bad"], cut: "bad" },
  });
  const mapping = {
    station: "Station",
    areas: [{ name: "ward", column: "Ward" }],
    registered: "Electors",
    issued: ["Ballots"],
    valid: "Valid",
    invalid: "Spoilt",
    contestants: ["Petrovska", "Stojanovski", "Trajkovska"],
  };
  const results = await coordinator(
    "POST",
    `/api/v1/elections/${electionId}/results-sets?mapping=${encodeURIComponent(JSON.stringify(mapping))}&fileName=results.csv&name=${encodeURIComponent("Окончательные итоги")}`,
    resultsCsv(),
    "text/csv",
  );
  const { publication } = await coordinator("POST", `/api/v1/missions/${missionId}/publications`, {
    title: "Предварительное заявление",
    forensics: [{ source: results.resultsSet.id }],
  });

  // The first team's observer gets the phone app, with a route of three stations on the main day.
  const firstTeam = (teams as { id: string; members: { id: string }[] }[])[0];
  const { stops } = await coordinator(
    "PUT",
    `/api/v1/missions/${missionId}/teams/${firstTeam?.id}/route/main-day`,
    {
      stationCodes: stationCodes.slice(0, 3),
    },
  );
  const access = await coordinator(
    "POST",
    `/api/v1/missions/${missionId}/observers/${firstTeam?.members[0]?.id}/access`,
  );
  return {
    electionId,
    missionId,
    stationId: stationIds[0] ?? "",
    submissionId,
    formId: votingId,
    publicationId: publication.id,
    observer: { username: access.username, accessCode: access.accessCode, visitId: stops[0]?.visitId ?? "" },
  };
}
