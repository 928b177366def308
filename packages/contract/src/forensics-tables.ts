// Every forensics figure as a table: the rows its table view shows, its CSV and XLSX downloads in
// the browser and the server's forensics export are all built here, so they cannot differ (as the
// analysis figures' tables in analysis-tables.ts). The report is read by the fields the tables use
// (the forensics package makes it and declares it whole). Headers in English or Russian.
import type { ExportTable, TableCell } from "@scrutiny/domain";
import type { TableLanguage } from "./analysis-tables.ts";

/** The 0.1-point histograms: station counts, bin j centred on j/10 %. */
export interface HistogramsFigure {
  readonly turnout: readonly number[];
  readonly leaderShare: readonly number[];
}

/** A fingerprint: bins x bins voter shares, row-major [turnout bin][share bin], at two resolutions. */
export interface FingerprintFigure {
  readonly bins: number;
  readonly observed: readonly number[];
  readonly fitBins: number;
  readonly observedFit: readonly number[];
  readonly fitted: readonly number[];
}

interface MeanTest {
  readonly counts: number;
  readonly observed: number;
  readonly expected: number;
  readonly z: number;
  readonly pValue: number;
}

/** The digit tests of each contestant, and of the turnout and leader's percentages. */
export interface DigitsFigure {
  readonly contestants: readonly {
    readonly name: string;
    readonly secondDigit: {
      readonly counts: number;
      readonly mean: number;
      readonly expected: number;
      readonly interval: readonly [number, number];
      readonly z: number;
    };
    readonly lastDigit: { readonly counts: number; readonly chiSquare: number; readonly pValue: number };
    readonly zeroFive: { readonly counts: number; readonly share: number; readonly expected: number };
    readonly secondDigitFitted: MeanTest;
    readonly lastDigitFitted: {
      readonly counts: number;
      readonly frequencies: readonly number[];
      readonly expected: readonly number[];
      readonly chiSquare: number;
      readonly degreesOfFreedom: number;
      readonly pValue: number;
    };
    readonly zeroFiveFitted: MeanTest;
  }[];
  readonly turnoutPercentZeroFive: {
    readonly counts: number;
    readonly share: number;
    readonly expected: number;
  };
  readonly leaderPercentZeroFive: {
    readonly counts: number;
    readonly share: number;
    readonly expected: number;
  };
  readonly turnoutPercentZeroFiveFitted: MeanTest;
  readonly leaderPercentZeroFiveFitted: MeanTest;
}

/** What the forensics tables read of a report. */
export interface ForensicsFigures {
  readonly histograms: HistogramsFigure;
  readonly fingerprint?: FingerprintFigure | undefined;
  readonly digits: DigitsFigure;
}

const HEADERS = {
  bin: { en: "Percent (0.1-point bin)", ru: "Процент (интервал 0,1 пункта)" },
  turnoutStations: { en: "Stations by turnout", ru: "Участки по явке" },
  leaderStations: { en: "Stations by the leader's share", ru: "Участки по доле лидера" },
  turnoutFrom: { en: "Turnout from (%)", ru: "Явка от (%)" },
  turnoutTo: { en: "Turnout to (%)", ru: "Явка до (%)" },
  shareFrom: { en: "Leader's share from (%)", ru: "Доля лидера от (%)" },
  shareTo: { en: "Leader's share to (%)", ru: "Доля лидера до (%)" },
  voters: { en: "Share of voters", ru: "Доля избирателей" },
  observed: { en: "Observed share of voters", ru: "Наблюдаемая доля избирателей" },
  fitted: { en: "Fitted share of voters", ru: "Доля избирателей по модели" },
  contestant: { en: "Contestant", ru: "Участник" },
  digit: { en: "Last digit", ru: "Последняя цифра" },
  counts: { en: "Counts ≥ 100", ru: "Числа ≥ 100" },
  frequency: { en: "Counts ending in it", ru: "Чисел с этой цифрой" },
  share: { en: "Share", ru: "Доля" },
  expectedFitted: { en: "Expected (fitted null)", ru: "Ожидается (подобранная нулевая модель)" },
  expectedUniform: { en: "Expected (uniform)", ru: "Ожидается (равномерно)" },
  test: { en: "Test", ru: "Тест" },
  n: { en: "Counts tested", ru: "Проверено чисел" },
  value: { en: "Observed", ru: "Наблюдается" },
  reference: { en: "Textbook reference", ru: "Эталон из литературы" },
  lower: { en: "95% interval, lower", ru: "95% интервал, от" },
  upper: { en: "95% interval, upper", ru: "95% интервал, до" },
  z: { en: "z (reference)", ru: "z (эталон)" },
  fittedExpected: { en: "Fitted null", ru: "Подобранная нулевая модель" },
  statistic: { en: "Statistic (fitted null)", ru: "Статистика (подобранная нулевая модель)" },
  degreesOfFreedom: { en: "Degrees of freedom", ru: "Степени свободы" },
  pFitted: { en: "p (fitted null)", ru: "p (подобранная нулевая модель)" },
  pReference: { en: "p (reference)", ru: "p (эталон)" },
} as const satisfies Record<string, Record<TableLanguage, string>>;

type Key = keyof typeof HEADERS;

/** Each table's title, also its sheet's name in a workbook: at most 31 characters, no ":". */
const TITLES = {
  histograms: { en: "Turnout and share histograms", ru: "Гистограммы явки и доли голосов" },
  fingerprint: { en: "Election fingerprint", ru: "Отпечаток выборов" },
  fingerprintFit: { en: "Fingerprint and its fit", ru: "Отпечаток и модель" },
  lastDigits: { en: "Last digits", ru: "Последние цифры" },
  digitTests: { en: "Digit tests", ru: "Тесты цифр" },
} as const satisfies Record<string, Record<TableLanguage, string>>;

const TESTS = {
  secondDigit: { en: "Second-digit mean (counts ≥ 10)", ru: "Среднее второй цифры (числа ≥ 10)" },
  lastDigit: { en: "Last digit (counts ≥ 100)", ru: "Последняя цифра (числа ≥ 100)" },
  zeroFive: { en: "Counts ending in 0 or 5", ru: "Числа, оканчивающиеся на 0 или 5" },
  turnoutZeroFive: {
    en: "Turnout percentages ending in 0 or 5",
    ru: "Проценты явки, оканчивающиеся на 0 или 5",
  },
  leaderZeroFive: {
    en: "Leader's percentages ending in 0 or 5",
    ru: "Проценты лидера, оканчивающиеся на 0 или 5",
  },
} as const;

const ALL = { en: "All", ru: "Все" } as const;

export type ForensicsTableId = keyof typeof TITLES;
export const FORENSICS_TABLES = Object.keys(TITLES) as ForensicsTableId[];

function table(
  id: ForensicsTableId,
  language: TableLanguage,
  keys: readonly Key[],
  rows: Record<string, TableCell>[],
): ExportTable {
  return {
    id,
    name: TITLES[id][language],
    columns: keys.map((key) => ({ key, label: HEADERS[key][language] })),
    rows,
  };
}

/** The bins that hold any station, both histograms side by side: the charts' numbers, uncut. */
export function histogramsTable(h: HistogramsFigure, language: TableLanguage): ExportTable {
  return table(
    "histograms",
    language,
    ["bin", "turnoutStations", "leaderStations"],
    h.turnout
      .map((count, j) => ({ bin: j / 10, turnoutStations: count, leaderStations: h.leaderShare[j] ?? 0 }))
      .filter((row) => row.turnoutStations > 0 || row.leaderStations > 0),
  );
}

/** The cells of a bins x bins fingerprint, as turnout and share ranges in percent. */
function cells(bins: number, values: readonly (readonly number[])[], keys: readonly string[]) {
  const step = 100 / bins;
  const rows: Record<string, TableCell>[] = [];
  for (let k = 0; k < bins * bins; k++) {
    if (!values.some((v) => (v[k] ?? 0) > 0)) continue;
    const i = Math.floor(k / bins);
    const j = k % bins;
    const row: Record<string, TableCell> = {
      turnoutFrom: i * step,
      turnoutTo: (i + 1) * step,
      shareFrom: j * step,
      shareTo: (j + 1) * step,
    };
    keys.forEach((key, n) => {
      row[key] = values[n]?.[k] ?? 0;
    });
    rows.push(row);
  }
  return rows;
}

/** The observed fingerprint at its display resolution: every cell that holds voters. */
export function fingerprintTable(fp: FingerprintFigure, language: TableLanguage): ExportTable {
  return table(
    "fingerprint",
    language,
    ["turnoutFrom", "turnoutTo", "shareFrom", "shareTo", "voters"],
    cells(fp.bins, [fp.observed], ["voters"]),
  );
}

/** Observed and fitted fingerprints at the fitting resolution (what the marginals sum). */
export function fingerprintFitTable(fp: FingerprintFigure, language: TableLanguage): ExportTable {
  return table(
    "fingerprintFit",
    language,
    ["turnoutFrom", "turnoutTo", "shareFrom", "shareTo", "observed", "fitted"],
    cells(fp.fitBins, [fp.observedFit, fp.fitted], ["observed", "fitted"]),
  );
}

/** Each contestant's last digits of counts ≥ 100: observed, expected at these station sizes, uniform. */
export function lastDigitsTable(digits: DigitsFigure, language: TableLanguage): ExportTable {
  return table(
    "lastDigits",
    language,
    ["contestant", "digit", "counts", "frequency", "share", "expectedFitted", "expectedUniform"],
    digits.contestants.flatMap((c) => {
      const t = c.lastDigitFitted;
      return Array.from({ length: 10 }, (_, d) => ({
        contestant: c.name,
        digit: d,
        counts: t.counts,
        frequency: t.frequencies[d] ?? 0,
        share: t.counts > 0 ? (t.frequencies[d] ?? 0) / t.counts : null,
        expectedFitted: t.counts > 0 ? (t.expected[d] ?? 0) / t.counts : null,
        expectedUniform: 0.1,
      }));
    }),
  );
}

/** Every digit test: each contestant's three, then the percentages ending in 0 or 5. */
export function digitTestsTable(digits: DigitsFigure, language: TableLanguage): ExportTable {
  const rows: Record<string, TableCell>[] = digits.contestants.flatMap((c) => [
    {
      contestant: c.name,
      test: TESTS.secondDigit[language],
      n: c.secondDigitFitted.counts,
      value: c.secondDigit.mean,
      reference: c.secondDigit.expected,
      lower: c.secondDigit.interval[0],
      upper: c.secondDigit.interval[1],
      z: c.secondDigit.z,
      fittedExpected: c.secondDigitFitted.expected,
      statistic: c.secondDigitFitted.z,
      pFitted: c.secondDigitFitted.pValue,
    },
    {
      contestant: c.name,
      test: TESTS.lastDigit[language],
      n: c.lastDigitFitted.counts,
      statistic: c.lastDigitFitted.chiSquare,
      degreesOfFreedom: c.lastDigitFitted.degreesOfFreedom,
      pFitted: c.lastDigitFitted.pValue,
      pReference: c.lastDigit.pValue,
    },
    {
      contestant: c.name,
      test: TESTS.zeroFive[language],
      n: c.zeroFiveFitted.counts,
      value: c.zeroFive.share,
      reference: c.zeroFive.expected,
      fittedExpected: c.zeroFiveFitted.expected,
      statistic: c.zeroFiveFitted.z,
      pFitted: c.zeroFiveFitted.pValue,
    },
  ]);
  for (const [test, reference, fitted] of [
    ["turnoutZeroFive", digits.turnoutPercentZeroFive, digits.turnoutPercentZeroFiveFitted],
    ["leaderZeroFive", digits.leaderPercentZeroFive, digits.leaderPercentZeroFiveFitted],
  ] as const)
    rows.push({
      contestant: ALL[language],
      test: TESTS[test][language],
      n: fitted.counts,
      value: reference.share,
      reference: reference.expected,
      fittedExpected: fitted.expected,
      statistic: fitted.z,
      pFitted: fitted.pValue,
    });
  return table(
    "digitTests",
    language,
    [
      "contestant",
      "test",
      "n",
      "value",
      "reference",
      "lower",
      "upper",
      "z",
      "fittedExpected",
      "statistic",
      "degreesOfFreedom",
      "pFitted",
      "pReference",
    ],
    rows,
  );
}

/** Every forensics table of a report, in the page's order (the fingerprint's when it was fitted). */
export function forensicsTables(report: ForensicsFigures, language: TableLanguage): ExportTable[] {
  return [
    histogramsTable(report.histograms, language),
    ...(report.fingerprint
      ? [fingerprintTable(report.fingerprint, language), fingerprintFitTable(report.fingerprint, language)]
      : []),
    lastDigitsTable(report.digits, language),
    digitTestsTable(report.digits, language),
  ];
}
