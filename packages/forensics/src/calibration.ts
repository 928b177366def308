// False-alarm study of the forensic tests on clean simulated elections (clean-election.ts): the
// share of elections on which each test raises an alarm at its stated level. Used by the CI test
// at small sizes and by `npm run calibrate` at full size.
import { type CleanElectionConfig, simulateCleanElection } from "./clean-election.ts";
import { countsEndingZeroFive, lastDigitTest, percentagesEndingZeroFive, secondDigitMean } from "./digits.ts";
import {
  lastDigitFitted,
  secondDigitFitted,
  zeroFiveCountsFitted,
  zeroFivePercentFitted,
} from "./digits-null.ts";
import { integerPercentages } from "./integer-percentages.ts";

/** Alarms per test (counts of elections), at the 5% level unless named otherwise. */
export interface ForensicAlarmStudy {
  readonly elections: number;
  readonly alarms: {
    /** Integer percentages: exact one-sided p < 0.05, and observed above the 99.9% band. */
    readonly integerP05: number;
    readonly integerBand: number;
    /** 2BL of the leader's counts: fitted null (two-sided p < 0.05), and the 4.187 reference (|z| > 1.96). */
    readonly secondDigitFitted: number;
    readonly secondDigitBenford: number;
    /** Last digit of the leader's counts ≥ 100: fitted null, and the uniform reference. */
    readonly lastDigitFitted: number;
    readonly lastDigitUniform: number;
    /** Leader's counts ending in 0/5: fitted null, and the 20% reference. */
    readonly zeroFiveFitted: number;
    readonly zeroFiveReference: number;
    /** Turnout percentages ending in 0/5: fitted null, and the 20% reference. */
    readonly turnoutZeroFiveFitted: number;
    readonly turnoutZeroFiveReference: number;
  };
}

export function runForensicAlarmStudy(
  config: CleanElectionConfig,
  elections: number,
  firstSeed: number,
): ForensicAlarmStudy {
  const a = {
    integerP05: 0,
    integerBand: 0,
    secondDigitFitted: 0,
    secondDigitBenford: 0,
    lastDigitFitted: 0,
    lastDigitUniform: 0,
    zeroFiveFitted: 0,
    zeroFiveReference: 0,
    turnoutZeroFiveFitted: 0,
    turnoutZeroFiveReference: 0,
  };
  for (let e = 0; e < elections; e++) {
    const el = simulateCleanElection(config, firstSeed + e);
    const ip = integerPercentages(el).result;
    if (ip.pValue < 0.05) a.integerP05++;
    if (ip.observed > ip.band[1]) a.integerBand++;
    if (secondDigitFitted(el.leader, el.valid).pValue < 0.05) a.secondDigitFitted++;
    if (Math.abs(secondDigitMean(el.leader).z) > 1.96) a.secondDigitBenford++;
    if (lastDigitFitted(el.leader, el.valid).pValue < 0.05) a.lastDigitFitted++;
    if (lastDigitTest(el.leader).pValue < 0.05) a.lastDigitUniform++;
    if (zeroFiveCountsFitted(el.leader, el.valid).pValue < 0.05) a.zeroFiveFitted++;
    if (Math.abs(countsEndingZeroFive(el.leader).z) > 1.96) a.zeroFiveReference++;
    if (zeroFivePercentFitted(el.issued, el.registered).pValue < 0.05) a.turnoutZeroFiveFitted++;
    if (Math.abs(percentagesEndingZeroFive(el.issued, el.registered).z) > 1.96) a.turnoutZeroFiveReference++;
  }
  return { elections, alarms: a };
}

/** The turnout 0/5 test (fitted null) alone on many clean elections: its z's mean and spread. */
export function runTurnoutZeroFiveStudy(
  config: CleanElectionConfig,
  elections: number,
  firstSeed: number,
): { elections: number; alarms: number; above: number; below: number; meanZ: number; sdZ: number } {
  const zs: number[] = [];
  for (let e = 0; e < elections; e++) {
    const el = simulateCleanElection(config, firstSeed + e);
    zs.push(zeroFivePercentFitted(el.issued, el.registered).z);
  }
  const meanZ = zs.reduce((a, b) => a + b, 0) / zs.length;
  const sdZ = Math.sqrt(zs.reduce((a, b) => a + (b - meanZ) ** 2, 0) / Math.max(1, zs.length - 1));
  const above = zs.filter((z) => z > 1.959964).length;
  const below = zs.filter((z) => z < -1.959964).length;
  return { elections, alarms: above + below, above, below, meanZ, sdZ };
}
