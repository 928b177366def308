import { stations as routes } from "@scrutiny/contract";
import { type LocalizedText, safeParseFormDefinition } from "@scrutiny/domain";
import type { StationProtocol, Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { asNumber, isVoteQuestion, observedProtocol } from "../analysis/pvt.ts";
import { notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

/** The station page: one station across phases, with what the caller's mission saw there. */
export function stationRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, routes.stationPage, async ({ user, params }) => {
    const station = await store.stationPage.station(params.electionId, params.stationId);
    if (station === undefined) throw notFound("station");
    // Staff see their own mission; administrators every mission of the election.
    const missions = (await store.stationPage.missions(params.electionId)).filter(
      (mission) => user.role === "admin" || mission.id === user.missionId,
    );
    const missionIds = missions.map((mission) => mission.id);
    const [visits, reports, protocols, forms] = await Promise.all([
      store.stationPage.visits(missionIds, station.id),
      store.stationPage.reports(missionIds, station.id),
      store.stationPage.protocols(station.id),
      store.forms.listForElection(params.electionId),
    ]);
    const titles = new Map<string, LocalizedText>();
    for (const form of forms) {
      const parsed = safeParseFormDefinition(form.definition);
      titles.set(form.formId, parsed.ok ? parsed.value.title : { en: form.code });
    }
    return {
      station,
      missions,
      visits,
      reports: reports.map((report) => ({
        submissionId: report.id,
        missionId: report.missionId,
        formId: report.formId,
        formKind: report.formKind,
        formTitle: titles.get(report.formId) ?? { en: report.formKind },
        phaseCode: report.phaseCode,
        submittedAt: report.submittedAt,
        status: report.status,
        flags: report.flags,
      })),
      protocols: protocols.map((protocol) => ({
        ...protocol,
        turnout: protocol.registeredVoters > 0 ? protocol.ballotsIssued / protocol.registeredVoters : null,
      })),
      comparison: reports
        .filter((report) => report.formKind === "counting" && report.status !== "quarantined")
        .map((report) => compare(report.id, report.missionId, report.answers, protocols)),
    };
  });
}

/** One counting report against the published protocol; the contest is the one its votes name. */
function compare(
  submissionId: string,
  missionId: string,
  answers: Record<string, unknown>,
  protocols: readonly StationProtocol[],
) {
  // Votes are `votes_<candidate code>`: the published candidates' codes, and ballot positions.
  const candidateQuestions = protocols.flatMap((p) => p.votes.map((v) => `votes_${v.code}`));
  const voteQuestions = [
    ...new Set([...candidateQuestions, ...Object.keys(answers).filter(isVoteQuestion)]),
  ].filter((q) => q in answers);
  const observed = observedProtocol((q) => asNumber(answers[q]), voteQuestions);
  const codes = Object.keys(observed?.votes ?? {});
  // With several contests at a station, the one whose candidates the report counts.
  const published =
    protocols.find((p) => codes.length > 0 && codes.every((code) => p.votes.some((v) => v.code === code))) ??
    (protocols.length === 1 ? protocols[0] : undefined);
  const pair = (field: string, seen: number | null | undefined, official: number | null | undefined) => {
    const o = seen ?? null;
    const p = official ?? null;
    return { field, observed: o, published: p, difference: o === null || p === null ? null : o - p };
  };
  const fields = [
    pair("registered", observed?.registered, published?.registeredVoters),
    pair("ballotsIssued", observed?.ballotsCast, published?.ballotsIssued),
    pair("valid", observed?.valid, published?.valid),
    pair("invalid", observed?.invalid, published?.invalid),
    ...[...new Set([...codes, ...(published?.votes.map((v) => v.code) ?? [])])]
      .sort()
      .map((code) =>
        pair(`votes:${code}`, observed?.votes[code], published?.votes.find((v) => v.code === code)?.votes),
      ),
  ];
  return {
    submissionId,
    missionId,
    contestId: published?.contestId ?? null,
    fields,
    differences: fields.filter((f) => f.difference !== null && f.difference !== 0).length,
  };
}
