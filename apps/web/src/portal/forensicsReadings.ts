// What each published forensic test found, said in the reader's language from the published
// figures (the snapshot's `reading` sentences are English, for API clients and the package).
import type { PublishedForensics } from "./api.ts";
import { percent } from "./format.ts";
import { dictionaries, type Translate } from "./i18n.ts";

type Key = keyof (typeof dictionaries)["en"];
const has = (key: string): key is Key => key in dictionaries.en;

/** A word the dictionary has under `prefix.name`, else the name as published. */
export function wordOf(prefix: "reason" | "line" | "level", name: string, t: Translate): string {
  const key = `${prefix}.${name}`;
  return has(key) ? t(key) : name;
}

/** `received = issuedEarly + ... - lost` by the lines' names. */
export function relationText(r: PublishedForensics["arithmetic"]["relations"][number], t: Translate): string {
  const side = (lines: readonly string[]) =>
    lines
      .map((raw, i) => {
        const minus = raw.startsWith("-");
        const name = wordOf("line", raw.replace(/^[-+]/, ""), t);
        return i === 0 ? (minus ? `− ${name}` : name) : `${minus ? "−" : "+"} ${name}`;
      })
      .join(" ");
  if (r.left.length === 0) return r.id;
  const symbol = r.relation === ">=" ? "≥" : r.relation === "<=" ? "≤" : "=";
  return `${side(r.left)} ${symbol} ${side(r.right)}`;
}

export function readings(f: PublishedForensics, t: Translate, language: string) {
  const whole = (n: number | null) => (n === null ? "–" : Math.round(n).toLocaleString(language));
  const one = (n: number | null) =>
    n === null ? "–" : n.toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const three = (n: number | null) => (n === null ? "–" : n < 0.001 ? "< 0.001" : n.toFixed(3));
  const ip = f.integerPercentages;
  const band = `${whole(ip.band[0])}–${whole(ip.band[1])}`;
  const beyond = ip.band[1] !== null && ip.observed > ip.band[1];
  const integer = [
    t("reading.integer", {
      observed: whole(ip.observed),
      included: whole(ip.included),
      expected: whole(ip.expected),
      sd: whole(ip.sd),
      band,
    }),
    t(beyond ? "reading.integerBeyond" : "reading.integerWithin", { excess: whole(ip.excess), z: one(ip.z) }),
    t("reading.integerCaveat"),
  ].join(" ");
  const fp = f.fingerprint;
  const fingerprint =
    fp === null
      ? null
      : [
          t("reading.fingerprint", { fi: percent(fp.fi.estimate), fe: percent(fp.fe.estimate) }),
          t(
            fp.noFraud.pValue === null
              ? "reading.noFraudNotTested"
              : fp.noFraud.pValue < fp.noFraud.level
                ? "reading.noFraudRejected"
                : "reading.noFraudNotRejected",
            {
              level: String(100 * fp.noFraud.level),
              statistic: one(fp.noFraud.statistic),
              p: three(fp.noFraud.pValue),
              replicates: fp.noFraud.replicates,
            },
          ),
          // Which parameters (the report names them in English) is in the downloadable report.
          fp.onBound.length > 0 ? t("reading.onBound", { count: fp.onBound.length }) : "",
          t("reading.fingerprintCaveat"),
        ]
          .filter((s) => s !== "")
          .join(" ");
  const x = f.exclusions;
  return {
    integer,
    fingerprint,
    digits: t("reading.digits"),
    arithmetic:
      f.arithmetic.flaggedStations === 0
        ? t("reading.arithmeticPass")
        : t("reading.arithmeticFail", { count: whole(f.arithmetic.flaggedStations) }),
    exclusions:
      x === null
        ? null
        : x.excluded === 0
          ? t("reading.allRead", { rows: whole(x.rows) })
          : t("reading.someLeftOut", { excluded: whole(x.excluded), rows: whole(x.rows) }),
    breakdown: f.breakdown === null ? null : t("reading.breakdown"),
  };
}
