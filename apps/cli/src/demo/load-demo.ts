import { randomUUID } from "node:crypto";
import { type PlannedStation, submissionContent, validateSubmission } from "@scrutiny/domain";
import {
  DEMO_USERNAMES,
  type DemoElection,
  type DemoSubmission,
  generateDemoElection,
  REGIONS,
} from "@scrutiny/fixtures";
import { hashContent, hashPassword, seedDefaultAnalysis } from "@scrutiny/server";
import type { NewPlan, Store, SubmissionRow } from "@scrutiny/store";
import { demoAccounts } from "./accounts.ts";
import { type DemoForm, demoForms } from "./demo-forms.ts";

export const DEMO_SEED = 2019;

export interface DemoLoadResult {
  readonly demo: DemoElection;
  readonly milliseconds: number;
}

/** Loads the demo election unless the database already holds an election. */
export async function loadDemoIfEmpty(
  store: Store,
  options: { seed?: number; log?: (line: string) => void } = {},
): Promise<DemoLoadResult | undefined> {
  if ((await store.elections.list()).length > 0) return undefined;
  return loadDemo(store, options);
}

/**
 * Generates the seeded demo election and stores all of it: election, forms, missions with
 * their deployments, observers' reports (validated against the forms, like live ones) and users.
 */
export async function loadDemo(
  store: Store,
  options: { seed?: number; log?: (line: string) => void } = {},
): Promise<DemoLoadResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const demo = generateDemoElection(options.seed ?? DEMO_SEED);
  log(
    `demo election: ${demo.stations.length} polling stations, ${demo.missions.length} missions, ${demo.submissions.length} reports`,
  );

  const candidatesPerContest = new Map<string, number>();
  for (const candidate of demo.candidates) {
    candidatesPerContest.set(candidate.contestId, (candidatesPerContest.get(candidate.contestId) ?? 0) + 1);
  }
  const counts = [...candidatesPerContest.values()];
  const forms = demoForms(demo.election.id, Math.min(...counts), Math.max(...counts));
  const formByKind = new Map(forms.map((form) => [form.kind, form]));
  const rows = demo.submissions.map((submission) => submissionRow(submission, formByKind));
  const passwordOf = new Map<string, string>(
    demoAccounts.map((account) => [account.username, account.password]),
  );
  const users = await Promise.all(
    demo.users.map(async (user) => {
      const password = passwordOf.get(user.username);
      return { ...user, passwordHash: password === undefined ? null : await hashPassword(password) };
    }),
  );

  // All of the demo or none of it: a failure leaves an empty database that the next start refills.
  await store.transaction(async (tx) => {
    await tx.elections.insertBundle({
      election: demo.election,
      areas: demo.areas,
      stations: demo.stations,
      contests: demo.contests,
      candidates: demo.candidates,
      officialResults: demo.officialResults,
    });
    for (const form of forms) await tx.forms.create(form);
    for (const mission of demo.missions) {
      const ofMission = <T extends { missionId: string }>(rows: readonly T[]) =>
        rows.filter((row) => row.missionId === mission.id);
      await tx.missions.insertBundle({
        mission,
        observers: ofMission(demo.observers),
        teams: ofMission(demo.teams),
        plannedStations: [],
        visits: ofMission(demo.visits),
      });
      await tx.deployment.savePlan(demoPlan(demo, mission, ofMission(demo.plannedStations)));
    }
    // The demo ships no boundaries: its regions' bounding boxes are uploaded as their shapes.
    await tx.coverage.saveGeometries(
      demo.election.id,
      REGIONS.map((r) => ({
        code: r.code,
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [r.lon[0], r.lat[0]],
              [r.lon[1], r.lat[0]],
              [r.lon[1], r.lat[1]],
              [r.lon[0], r.lat[1]],
              [r.lon[0], r.lat[0]],
            ],
          ],
        },
      })),
    );

    await tx.submissions.insertMany(rows);
    await tx.users.insertMany(users);
    // The international mission's coordinator administers the election's shared data (stations,
    // areas, shared forms); the domestic mission's reads them.
    const administrator = users.find((user) => user.username === DEMO_USERNAMES.coordinator);
    if (administrator !== undefined)
      await tx.ownership.grantElectionAdministrator(demo.election.id, administrator.id, null);
    await seedDefaultAnalysis(tx, demo.election.id, demo.missions);
  });

  return { demo, milliseconds: performance.now() - started };
}

/**
 * A demo mission's deployment as plan version 1, confirmed, with the generator's own stratum
 * sizes (N_h, n_h) stored for the estimators.
 */
function demoPlan(
  demo: DemoElection,
  mission: DemoElection["missions"][number],
  planned: readonly PlannedStation[],
): NewPlan {
  const strata = demo.strata
    .filter((s) => s.missionId === mission.id)
    .map((s) => ({
      stratum: s.stratum ?? "",
      populationSize: s.populationSize,
      sampleSize: s.sampleSize,
      reserveSize: s.reserveSize,
    }));
  const order = new Map<string, number>();
  return {
    id: randomUUID(),
    missionId: mission.id,
    design: mission.design,
    seed: demo.seed,
    strataBy: mission.design === "stratified" ? ["region", "settlement"] : [],
    allocation: mission.design === "stratified" ? "disproportionate" : null,
    sampleSize: planned.filter((p) => !p.reserve).length,
    reservePerStratum: Math.max(0, ...strata.map((s) => s.reserveSize)),
    frameSize: demo.stations.filter((s) => s.kind !== "abroad").length,
    createdBy: null,
    source: "drawn",
    confirm: true,
    strata,
    stations: planned.map((p) => {
      const key = p.stratum ?? "";
      const i = order.get(key) ?? 0;
      order.set(key, i + 1);
      return {
        stationId: p.stationId,
        stratum: p.stratum,
        inclusionProbability: p.inclusionProbability,
        reserve: p.reserve,
        order: i,
      };
    }),
  };
}

/** A demo report as a stored row; it passes the same validation as a live one. */
function submissionRow(submission: DemoSubmission, formByKind: ReadonlyMap<string, DemoForm>): SubmissionRow {
  const form = formByKind.get(submission.formKind);
  if (form === undefined) throw new Error(`no demo form of kind ${submission.formKind}`);
  // Demo reports pass the same validation as live ones; a failure here is a generator bug.
  const validated = validateSubmission(form.definition, submission.answers);
  if (!validated.ok) {
    const issue = validated.error[0];
    throw new Error(
      `demo report ${submission.id} is invalid: ${issue?.message ?? "unknown"} at ${issue?.path?.join(".")}`,
    );
  }
  const envelope = {
    id: submission.id,
    formId: form.id,
    formVersion: 1,
    stationId: submission.stationId,
    phaseCode: submission.phaseCode,
    observerId: submission.observerId,
    teamId: submission.teamId,
    visitId: submission.visitId,
    submittedAt: submission.submittedAt,
    answers: submission.answers,
  };
  return {
    ...envelope,
    missionId: submission.missionId,
    receivedAt: submission.submittedAt,
    contentHash: hashContent(submissionContent(envelope, submission.observerId)),
    flags: validated.value.flags.map((flag) => ({ checkId: flag.checkId, message: flag.message })),
    channel: "app",
  };
}
