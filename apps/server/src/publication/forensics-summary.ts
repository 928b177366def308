// What the portal shows of a published forensic analysis: the report's figures and readings as
// the contract types them (non-finite numbers, stored as "<NaN>", are null). The whole report is
// the package's forensics-N.json.
import type { publications as contract } from "@scrutiny/contract";
import { type ForensicsInputs, forensicsFileNames } from "./forensics.ts";

type Summary = contract.PublishedForensics;

// biome-ignore lint/suspicious/noExplicitAny: a published report read from JSON, checked by the route's schema
type Json = any;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const pair = (v: unknown): [number | null, number | null] =>
  Array.isArray(v) ? [num(v[0]), num(v[1])] : [null, null];
const fitted = (t: Json) => ({
  observed: num(t?.observed),
  expected: num(t?.expected),
  z: num(t?.z),
  pValue: num(t?.pValue),
});
const withInterval = (e: Json) => ({
  estimate: num(e?.estimate),
  se: num(e?.se),
  interval: pair(e?.interval),
});

export function forensicsSummary(name: string, inputs: ForensicsInputs, report: Json): Summary {
  const files = Object.values(forensicsFileNames(name));
  const ip = report.integerPercentages;
  const fp = report.fingerprint;
  const x = report.exclusions;
  const b = report.breakdown;
  return {
    name,
    source: {
      kind: inputs.source.kind,
      name: inputs.source.name,
      contest: inputs.source.contest,
      fileSha256: inputs.source.fileSha256,
    },
    files,
    caveat: String(report.caveat),
    stations: report.election.stations,
    registered: report.election.registered,
    ballotsIssued: report.election.ballotsIssued,
    leader: report.election.leader,
    leaderNote: report.election.leaderNote,
    contestants: report.election.contestants.map((c: Json) => ({
      name: c.name,
      votes: c.votes,
      share: num(c.share),
    })),
    histograms: { turnout: report.histograms.turnout, leaderShare: report.histograms.leaderShare },
    integerPercentages: {
      included: ip.included,
      observed: ip.observed,
      expected: num(ip.expected),
      sd: num(ip.sd),
      band: pair(ip.band),
      excess: num(ip.excess),
      z: num(ip.z),
      pValue: num(ip.pValue),
      reading: ip.reading,
    },
    fingerprint:
      fp === undefined
        ? null
        : {
            fi: withInterval(fp.fit.fi),
            fe: withInterval(fp.fit.fe),
            replicates: fp.fit.bootstrapReplicates ?? 0,
            noFraudTest: fp.fit.noFraudTest?.statement ?? "",
            noFraud: {
              statistic: num(fp.fit.noFraudTest?.statistic),
              pValue: num(fp.fit.noFraudTest?.pValue),
              level: num(fp.fit.noFraudTest?.level) ?? 0.05,
              replicates: fp.fit.noFraudTest?.replicates ?? 0,
            },
            onBound: fp.fit.onBound ?? [],
            reading: fp.reading,
          },
    digits: {
      reading: report.digits.reading,
      contestants: report.digits.contestants.map((c: Json) => ({
        name: c.name,
        lastDigitP: num(c.lastDigitFitted?.pValue),
        secondDigit: fitted(c.secondDigitFitted),
        zeroFive: fitted(c.zeroFiveFitted),
      })),
      turnoutZeroFive: fitted(report.digits.turnoutPercentZeroFiveFitted),
    },
    arithmetic: {
      flaggedStations: report.arithmetic.flaggedStations,
      relations: report.arithmetic.relations.map((r: Json) => ({
        id: r.id,
        description: r.description ?? r.id,
        left: r.left ?? [],
        relation: r.relation ?? "=",
        right: r.right ?? [],
        failures: r.failures,
      })),
      reading: report.arithmetic.reading,
    },
    exclusions:
      x === undefined
        ? null
        : {
            rows: x.rows,
            excluded: x.excluded,
            byReason: Object.fromEntries(
              Object.entries(x.byReason as Record<string, number>).filter(([, c]) => c > 0),
            ),
            reading: x.reading,
          },
    breakdown:
      b === undefined
        ? null
        : {
            level: b.level,
            reading: b.reading,
            areas: b.areas.slice(0, 10).map((a: Json) => ({
              area: a.parent === undefined ? a.area : `${a.area} (${a.parent})`,
              stations: a.stations,
              turnout: num(a.turnout),
              leaderShare: num(a.leaderShare),
              integerZ: num(a.integer?.z),
            })),
          },
  };
}

const figure = (e: Json) =>
  e === null || e === undefined
    ? null
    : {
        value: num(e.value),
        lower: num(e.ci?.lower),
        upper: num(e.ci?.upper),
        numerator: num(e.numerator),
        denominator: num(e.denominator),
      };

/** What the portal shows of a published observer-effects fit (observer-effects.json). */
export function observerEffectsSummary(e: Json): contract.PublishedObserverEffects {
  const k = e.agreement?.kappa;
  return {
    indicatorCode: e.indicatorCode,
    question: e.question,
    observations: e.observations,
    teams: e.teams?.length ?? 0,
    flagged: { harsh: e.flagged?.harsh ?? 0, lenient: e.flagged?.lenient ?? 0 },
    doublyObservedStations: e.agreement?.doublyObservedStations ?? 0,
    kappa: k ? { value: num(k.value), lower: num(k.lower), upper: num(k.upper) } : null,
    raw: figure(e.raw),
    adjusted: figure(e.adjusted),
    issue: typeof e.issue === "string" ? e.issue : null,
  };
}
