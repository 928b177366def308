import type { ElectionBundle, MissionBundle } from "../../src/index.ts";

/** A tiny hand-written election: two regions, three stations, one mission. */
export const ids = {
  election: "00000000-0000-4000-8000-000000000001",
  regionNorth: "00000000-0000-4000-8000-000000000011",
  regionSouth: "00000000-0000-4000-8000-000000000012",
  constituency: "00000000-0000-4000-8000-000000000013",
  station1: "00000000-0000-4000-8000-000000000021",
  station2: "00000000-0000-4000-8000-000000000022",
  station3: "00000000-0000-4000-8000-000000000023",
  contest: "00000000-0000-4000-8000-000000000031",
  candidateA: "00000000-0000-4000-8000-000000000032",
  mission: "00000000-0000-4000-8000-000000000041",
  observer: "00000000-0000-4000-8000-000000000051",
  team: "00000000-0000-4000-8000-000000000061",
  visit: "00000000-0000-4000-8000-000000000071",
} as const;

export const sampleElection: ElectionBundle = {
  election: {
    id: ids.election,
    code: "sample-2019",
    name: { en: "Sample election", ru: "Пробные выборы" },
    country: "XB",
    electionDate: "2019-11-17",
    phases: [
      { code: "early-1", kind: "early_voting", date: "2019-11-12", name: { en: "Early voting, day 1" } },
      { code: "election-day", kind: "election_day", date: "2019-11-17", name: { en: "Election day" } },
    ],
  },
  areas: [
    // Child listed first on purpose: the repository must insert parents before children.
    {
      id: ids.constituency,
      electionId: ids.election,
      parentId: ids.regionNorth,
      level: "constituency",
      code: "N-1",
      name: { en: "North 1" },
    },
    {
      id: ids.regionNorth,
      electionId: ids.election,
      parentId: null,
      level: "region",
      code: "N",
      name: { en: "North" },
    },
    {
      id: ids.regionSouth,
      electionId: ids.election,
      parentId: null,
      level: "region",
      code: "S",
      name: { en: "South" },
    },
  ],
  stations: [ids.station1, ids.station2, ids.station3].map((id, index) => ({
    id,
    electionId: ids.election,
    areaId: index < 2 ? ids.constituency : ids.regionSouth,
    code: `PS-${index + 1}`,
    name: `School ${index + 1}`,
    address: null,
    registeredVoters: 1000 + index * 500,
    latitude: 53.9,
    longitude: 27.5,
    kind: "regular" as const,
    attributes: { settlement: index === 0 ? "urban" : "rural" },
  })),
  contests: [
    { id: ids.contest, electionId: ids.election, areaId: null, code: "C", name: { en: "Parliament" } },
  ],
  candidates: [
    { id: ids.candidateA, contestId: ids.contest, code: "A", name: "Candidate A", party: "Unity" },
  ],
  officialResults: [
    {
      stationId: ids.station1,
      contestId: ids.contest,
      registeredVoters: 1000,
      ballotsIssued: 700,
      ballotsIssuedEarly: 250,
      valid: 690,
      invalid: 10,
      votes: { A: 690 },
      turnoutByPhase: { "early-1": 250, "election-day": 700 },
    },
  ],
};

export const sampleMission: MissionBundle = {
  mission: {
    id: ids.mission,
    electionId: ids.election,
    code: "intl",
    name: { en: "International mission" },
    kind: "international",
    design: "simple_random",
  },
  observers: [
    {
      id: ids.observer,
      missionId: ids.mission,
      code: "111111",
      name: "Anna Observer",
      phone: "+375291234567",
      languages: ["en", "ru"],
      accreditation: "ACC-1",
      role: "short_term",
    },
  ],
  teams: [{ id: ids.team, missionId: ids.mission, code: "T01", observerIds: [ids.observer] }],
  plannedStations: [
    {
      missionId: ids.mission,
      stationId: ids.station1,
      stratum: null,
      inclusionProbability: 1 / 3,
      reserve: false,
    },
  ],
  visits: [
    {
      id: ids.visit,
      missionId: ids.mission,
      teamId: ids.team,
      stationId: ids.station1,
      phaseCode: "election-day",
      routeOrder: 0,
      arrivedAt: "2019-11-17T08:00:00.000Z",
      departedAt: null,
    },
  ],
};
