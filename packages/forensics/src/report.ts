// The whole forensic analysis of one election as one JSON-serialisable report object. Every test is
// a signal to be read with its caveat, never proof of fraud; the readings say so in plain words.
import type { ArithmeticFlag, ControlRelation, ResultsExclusions, StationResults } from "@scrutiny/domain";
import { type Breakdown, breakdownByArea } from "./breakdown.ts";
import { electionColumns } from "./columns.ts";
import {
  countsEndingZeroFive,
  type LastDigitTest,
  lastDigitTest,
  percentagesEndingZeroFive,
  type SecondDigitMean,
  secondDigitMean,
  type ZeroFiveShare,
} from "./digits.ts";
import {
  type FittedLastDigitTest,
  type FittedMeanTest,
  lastDigitFitted,
  secondDigitFitted,
  zeroFiveCountsFitted,
  zeroFivePercentFitted,
} from "./digits-null.ts";
import { type FingerprintResult, fingerprint, withReplicates } from "./fingerprint.ts";
import { type PercentHistograms, percentHistograms } from "./histograms.ts";
import { type IntegerPercentagesResult, integerPercentages } from "./integer-percentages.ts";

export const GENERAL_CAVEAT =
  "Statistical tests on official results are signals, never proof: each can be triggered by honest " +
  "causes (rounding by commissions, special polling stations, small electorates, regional political " +
  "differences) and each can miss fraud. Read them together, locate where they concentrate, and " +
  "check the stations concerned against observers' reports and the paper protocols.";

export interface ForensicsOptions {
  /** Area level for the breakdown (default: the first level, e.g. region). */
  readonly level?: string;
  readonly seed?: number;
  /** Monte Carlo draws for the integer test cross-check (0 = exact only). */
  readonly monteCarloDraws?: number;
  /** Parametric bootstrap replicates for the fingerprint's intervals (default 0: not computed). */
  readonly bootstrap?: number;
  /** Replicates of the fingerprint's likelihood-ratio test against no fraud (default 0 = not tested). */
  readonly lrReplicates?: number;
  readonly skipFingerprint?: boolean;
  readonly onProgress?: (step: string) => void;
  /** What the parser left out and derived, reported as they are. */
  readonly exclusions?: ResultsExclusions;
  readonly notes?: readonly string[];
  /** How the leader was chosen (default: the national winner). */
  readonly leaderRule?: "named" | "national-winner";
}

/** Rows left out of the analysis, by reason and area, with the first rows and the full list. */
export interface ReportExclusions extends Omit<ResultsExclusions, "list"> {
  readonly first: ResultsExclusions["list"];
  readonly list: ResultsExclusions["list"];
  readonly reading: string;
}

/** The fingerprint fit for one of the main contestants taken as "the winner". */
export interface ContestantFit {
  readonly contestant: string;
  readonly fi: number;
  readonly fe: number;
  readonly deviance: number;
  readonly devianceNoFraud: number;
}

export interface ContestantDigits {
  readonly name: string;
  /** Against the textbook references (4.187, uniform, 20%): known to misfire on vote counts. */
  readonly secondDigit: SecondDigitMean;
  readonly lastDigit: LastDigitTest;
  readonly zeroFive: ZeroFiveShare;
  /** Against the null fitted to the station sizes (digits-null.ts): the tests to read. */
  readonly secondDigitFitted: FittedMeanTest;
  readonly lastDigitFitted: FittedLastDigitTest;
  readonly zeroFiveFitted: FittedMeanTest;
}

export interface ForensicsReport {
  readonly kind: "scrutiny.forensics";
  readonly version: 1;
  readonly caveat: string;
  readonly election: {
    readonly stations: number;
    readonly registered: number;
    readonly ballotsIssued: number;
    readonly leader: string;
    readonly leaderRule: "named" | "national-winner";
    readonly leaderNote: string;
    /** Notes on derived columns (valid = sum of votes, ...). */
    readonly notes: readonly string[];
    readonly contestants: readonly {
      readonly name: string;
      readonly votes: number;
      readonly share: number;
    }[];
    readonly areaLevels: readonly { readonly name: string; readonly areas: number }[];
  };
  readonly histograms: PercentHistograms;
  readonly integerPercentages: IntegerPercentagesResult & { readonly reading: string };
  readonly fingerprint?: FingerprintResult & { readonly reading: string };
  /** The fraud-model fit with each of the two main contestants (by national votes) as winner. */
  readonly mainContestantFits?: readonly ContestantFit[];
  readonly exclusions?: ReportExclusions;
  readonly digits: {
    readonly contestants: readonly ContestantDigits[];
    readonly turnoutPercentZeroFive: ZeroFiveShare;
    readonly leaderPercentZeroFive: ZeroFiveShare;
    readonly turnoutPercentZeroFiveFitted: FittedMeanTest;
    readonly leaderPercentZeroFiveFitted: FittedMeanTest;
    readonly reading: string;
  };
  readonly arithmetic: {
    readonly relations: readonly (ControlRelation & { readonly failures: number })[];
    readonly flaggedStations: number;
    /** The first 500 flags (all are in the parse result). */
    readonly flags: readonly ArithmeticFlag[];
    readonly reading: string;
  };
  readonly breakdown?: Breakdown & { readonly reading: string };
  /** Milliseconds per step. */
  readonly timings: Readonly<Record<string, number>>;
  /**
   * Set by the server while the fingerprint's replicates (intervals and test) are computed in the
   * background after an upload; absent once they are in the report.
   */
  readonly fingerprintReplicates?: {
    readonly status: "running" | "failed";
    readonly done: number;
    readonly total: number;
    readonly error?: string;
  };
}

/** The plain-language reading of a fingerprint fit (its ± only once replicates were computed). */
export function fingerprintReading(fp: FingerprintResult): string {
  const pm = (e: { readonly se: number }) =>
    Number.isFinite(e.se) ? ` (± ${fmt(100 * e.se, 1)})` : " (± not computed: no bootstrap replicates yet)";
  return (
    `The fraud model of Klimek et al. fits best with incremental fraud in ${fmt(100 * fp.fit.fi.estimate, 1)}%` +
    `${pm(fp.fit.fi)} and extreme fraud in ${fmt(100 * fp.fit.fe.estimate, 1)}%` +
    `${pm(fp.fit.fe)} of the electorate's stations. ${fp.fit.noFraudTest.statement} ` +
    (fp.fit.onBound.length > 0
      ? `On a bound (not an interior optimum; read the ± with care): ${fp.fit.onBound.join(", ")}. `
      : "") +
    "Caveat: these are parameters of a stylised model (normal fair distributions, one fraud mechanism); " +
    "heterogeneous regions or genuine mobilisation also produce a smear towards high turnout and high " +
    "leader share, and the ± reflects sampling only, not the model's adequacy or other local optima."
  );
}

/**
 * The report with its fingerprint's bootstrap draws and no-fraud null statistics filled in (as
 * computed later, e.g. in chunks by the server's background job).
 */
export function withFingerprintReplicates(
  report: ForensicsReport,
  draws: { readonly fi: readonly number[]; readonly fe: readonly number[] },
  nullStatistics: readonly number[],
): ForensicsReport {
  if (!report.fingerprint) return report;
  const fp = withReplicates(report.fingerprint, draws, nullStatistics);
  return { ...report, fingerprint: { ...fp, reading: fingerprintReading(fp) } };
}

const fmt = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function runForensics(
  results: StationResults,
  arithmetic: { readonly relations: readonly ControlRelation[]; readonly flags: readonly ArithmeticFlag[] },
  options: ForensicsOptions = {},
): ForensicsReport {
  const timings: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    options.onProgress?.(name);
    const t0 = performance.now();
    const out = f();
    timings[name] = Math.round(performance.now() - t0);
    return out;
  };
  const data = electionColumns(results);
  const seed = options.seed ?? 1;
  const histograms = time("histograms", () => percentHistograms(data));
  const integer = time("integer percentages", () =>
    integerPercentages(data, {
      ...(options.monteCarloDraws ? { monteCarloDraws: options.monteCarloDraws } : {}),
      seed,
    }),
  );
  const fp = options.skipFingerprint
    ? undefined
    : time("fingerprint", () =>
        fingerprint(data, {
          seed,
          ...(options.bootstrap !== undefined ? { bootstrap: options.bootstrap } : {}),
          ...(options.lrReplicates !== undefined ? { lrReplicates: options.lrReplicates } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        }),
      );
  // The fit with each of the two main contestants as the winner: a fit that only works for a
  // contestant other than the one analysed says the leader may be the wrong candidate.
  const ranked = results.contestants
    .map((c, i) => ({ i, votes: c.votes.reduce((a, v) => a + v, 0) }))
    .sort((a, b) => b.votes - a.votes)
    .slice(0, 2);
  const mainContestantFits =
    fp && results.contestants.length > 1
      ? time("fingerprint: main contestants", () =>
          ranked.map(({ i }) => {
            const c = results.contestants[i];
            const f =
              i === results.leaderIndex
                ? fp
                : fingerprint(electionColumns({ ...results, leaderIndex: i }), {
                    seed,
                    bootstrap: 0,
                    starts: 1,
                  });
            return {
              contestant: c?.name ?? "",
              fi: f.fit.fi.estimate,
              fe: f.fit.fe.estimate,
              deviance: f.fit.deviance,
              devianceNoFraud: f.fit.devianceNoFraud,
            };
          }),
        )
      : undefined;
  const digits = time("digit tests", () => ({
    contestants: results.contestants.map((c) => ({
      name: c.name,
      secondDigit: secondDigitMean(c.votes),
      lastDigit: lastDigitTest(c.votes),
      zeroFive: countsEndingZeroFive(c.votes),
      secondDigitFitted: secondDigitFitted(c.votes, results.valid),
      lastDigitFitted: lastDigitFitted(c.votes, results.valid),
      zeroFiveFitted: zeroFiveCountsFitted(c.votes, results.valid),
    })),
    turnoutPercentZeroFive: percentagesEndingZeroFive(data.issued, data.registered),
    leaderPercentZeroFive: percentagesEndingZeroFive(data.leader, data.ballots),
    turnoutPercentZeroFiveFitted: zeroFivePercentFitted(data.issued, data.registered),
    leaderPercentZeroFiveFitted: zeroFivePercentFitted(data.leader, data.ballots),
  }));
  const flagged = new Set(arithmetic.flags.map((f) => f.station));
  const levelIndex = options.level
    ? results.areaLevels.findIndex((l) => l.name === options.level)
    : results.areaLevels.length > 0
      ? 0
      : -1;
  const level = results.areaLevels[levelIndex];
  const breakdown = level
    ? time("breakdown", () =>
        breakdownByArea(data, level, results.areaLevels[levelIndex - 1], integer.detail, flagged),
      )
    : undefined;

  let registered = 0;
  let issued = 0;
  let valid = 0;
  for (let s = 0; s < data.stationCount; s++) {
    registered += data.registered[s] ?? 0;
    issued += data.issued[s] ?? 0;
    valid += results.valid[s] ?? 0;
  }
  const ip = integer.result;
  const failures = new Map<string, number>();
  for (const f of arithmetic.flags) failures.set(f.relation, (failures.get(f.relation) ?? 0) + 1);
  return {
    kind: "scrutiny.forensics",
    version: 1,
    caveat: GENERAL_CAVEAT,
    election: {
      stations: data.stationCount,
      registered,
      ballotsIssued: issued,
      leader: data.leaderName,
      leaderRule: options.leaderRule ?? "national-winner",
      leaderNote:
        (options.leaderRule ?? "national-winner") === "named"
          ? `The leader analysed, ${data.leaderName}, was chosen by the user.`
          : `The leader analysed is the national winner (most votes), ${data.leaderName}; if fraud may have favoured another contestant, name it as the leader.`,
      notes: options.notes ?? [],
      contestants: results.contestants.map((c) => {
        let votes = 0;
        for (const v of c.votes) votes += v;
        return { name: c.name, votes, share: valid > 0 ? votes / valid : Number.NaN };
      }),
      areaLevels: results.areaLevels.map((l) => ({ name: l.name, areas: l.labels.length })),
    },
    histograms,
    integerPercentages: {
      ...ip,
      reading:
        `${fmt(ip.observed)} of ${fmt(ip.included)} included stations report a whole-number turnout or ` +
        `leader percentage; honest counts would give ${fmt(ip.expected)} ± ${fmt(ip.sd)} (99.9% band ` +
        `${fmt(ip.band[0])}–${fmt(ip.band[1])}). The excess of ${fmt(ip.excess)} stations (z = ${fmt(ip.z, 1)}) ` +
        `${ip.observed > ip.band[1] ? "is beyond what chance explains: a sign that some figures were set to round targets rather than counted" : "is within what chance explains"}. ` +
        "Caveat: the null assumes binomial variation around each station's own result; it says nothing about which stations or who changed them.",
    },
    ...(fp
      ? {
          fingerprint: {
            ...fp,
            reading: fingerprintReading(fp),
          },
        }
      : {}),
    ...(mainContestantFits ? { mainContestantFits } : {}),
    ...(options.exclusions ? { exclusions: reportExclusions(options.exclusions) } : {}),
    digits: {
      ...digits,
      reading:
        "Digit tests compare last and second digits with what honest counting at these station sizes would give " +
        "(each count redrawn as binomial around its own share: the fitted null; the textbook references 4.187, " +
        "uniform and 20% do not hold for vote counts and are shown for comparison only). They are weak on " +
        "real data: small electorates, a few dominant parties and strategic voting move digits without fraud, " +
        "and careful falsifiers leave digits alone. Treat a deviation only as a reason to look further.",
    },
    arithmetic: {
      relations: arithmetic.relations.map((r) => ({ ...r, failures: failures.get(r.id) ?? 0 })),
      flaggedStations: flagged.size,
      flags: arithmetic.flags.slice(0, 500),
      reading:
        flagged.size === 0
          ? "Every station's protocol satisfies the control relations. Consistent arithmetic is necessary, not sufficient: figures can be changed consistently."
          : `${fmt(flagged.size)} stations fail at least one control relation; check their paper protocols. A failure can be a typing error as well as tampering.`,
    },
    ...(breakdown
      ? {
          breakdown: {
            ...breakdown,
            reading:
              `Areas (${breakdown.level}) ranked by the integer-percentage z: where excess whole percentages ` +
              "concentrate. An area's z compares it with its own null; many areas make some high z likely by chance.",
          },
        }
      : {}),
    timings,
  };
}

function reportExclusions(x: ResultsExclusions): ReportExclusions {
  const reasons = Object.entries(x.byReason)
    .filter(([, c]) => c > 0)
    .map(([r, c]) => `${fmt(c)} ${r}`);
  return {
    ...x,
    first: x.list.slice(0, 20),
    reading:
      x.excluded === 0
        ? `All ${fmt(x.rows)} rows of the file were analysed.`
        : `${fmt(x.excluded)} of ${fmt(x.rows)} rows were left out of the analysis (${reasons.join(", ")}); ` +
          "every test below covers the remaining stations only. Rows without a published protocol or with " +
          "failing arithmetic can themselves be a finding: check where they concentrate.",
  };
}
