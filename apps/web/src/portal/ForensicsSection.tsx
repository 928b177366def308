// The forensics of official results a snapshot published: what each test found, in plain words
// in the reader's language (forensicsReadings.ts), with its figures and intervals; the whole
// report and the data it was computed from are among the snapshot's downloads.

import { TableRegion } from "../ui/TableRegion.tsx";
import type { PublishedForensics } from "./api.ts";
import { readings, relationText, wordOf } from "./forensicsReadings.ts";
import { percent } from "./format.ts";
import { usePortalText } from "./i18n.ts";

const whole = (n: number | null, language: string) =>
  n === null ? "–" : Math.round(n).toLocaleString(language);
const p = (v: number | null) => (v === null ? "–" : v < 0.001 ? "< 0.001" : v.toFixed(3));
const range = (r: readonly [number | null, number | null], show: (n: number | null) => string) =>
  r[0] === null || r[1] === null ? "–" : `${show(r[0])} – ${show(r[1])}`;

/** Stations by turnout in 0.1-point bins: the spikes at whole percentages are what to look for. */
function TurnoutPlot({ counts, label }: { counts: readonly number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const path = counts.map((c, i) => `M${i} 100V${100 - (100 * c) / max}`).join("");
  return (
    <figure className="portal-plot">
      <svg viewBox="0 0 1001 100" preserveAspectRatio="none" role="img" aria-label={label}>
        <path d={path} stroke="currentColor" strokeWidth="1.5" fill="none" />
      </svg>
      <figcaption className="muted">
        {label} <span className="portal-axis">0% · 50% · 100%</span>
      </figcaption>
    </figure>
  );
}

export function ForensicsSection({
  analyses,
  fileUrl,
}: {
  analyses: readonly PublishedForensics[];
  fileUrl: (name: string) => string;
}) {
  const { t, language } = usePortalText();
  if (analyses.length === 0) return null;
  const n = (v: number | null) => whole(v, language);
  return (
    <section aria-labelledby="forensics">
      <h2 id="forensics">{t("forensics.title")}</h2>
      {analyses.map((f) => {
        const ip = f.integerPercentages;
        const read = readings(f, t, language);
        const level = f.breakdown === null ? "" : wordOf("level", f.breakdown.level, t);
        return (
          <article key={f.name} className="card portal-indicator" data-forensics={f.name}>
            <h3>{f.source.contest === null ? f.source.name : `${f.source.name} · ${f.source.contest}`}</h3>
            <p className="muted">{t("forensics.caveat")}</p>
            <dl className="portal-facts">
              <dt>{t("forensics.stations")}</dt>
              <dd>{n(f.stations)}</dd>
              <dt>{t("forensics.turnout")}</dt>
              <dd>{f.registered > 0 ? percent(f.ballotsIssued / f.registered) : "–"}</dd>
              <dt>{t("forensics.leader")}</dt>
              <dd>
                {f.leader} {(() => {
                  const share = f.contestants.find((c) => c.name === f.leader)?.share ?? null;
                  return share === null ? "" : `(${percent(share)})`;
                })()}
              </dd>
            </dl>
            <TurnoutPlot counts={f.histograms.turnout} label={t("forensics.turnoutPlot")} />
            <TableRegion>
              <table className="table portal-figures">
                <thead>
                  <tr>
                    <th scope="col">{t("forensics.test")}</th>
                    <th scope="col">{t("forensics.found")}</th>
                    <th scope="col">{t("forensics.interval")}</th>
                    <th scope="col">{t("forensics.reading")}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr data-test="integer">
                    <th scope="row">{t("forensics.integer")}</th>
                    <td className="portal-value">
                      {t("forensics.integerFound", { observed: n(ip.observed), included: n(ip.included) })}
                    </td>
                    <td>
                      {t("forensics.integerExpected", { expected: n(ip.expected), sd: n(ip.sd) })}
                      <br />
                      {t("forensics.band", { band: range(ip.band, n) })} · p = {p(ip.pValue)}
                    </td>
                    <td>{read.integer}</td>
                  </tr>
                  {f.fingerprint === null ? null : (
                    <tr data-test="fingerprint">
                      <th scope="row">{t("forensics.fingerprint")}</th>
                      <td className="portal-value">
                        {t("forensics.fi")}: {percent(f.fingerprint.fi.estimate)}
                        <br />
                        {t("forensics.fe")}: {percent(f.fingerprint.fe.estimate)}
                      </td>
                      <td data-interval="fi">
                        {range(f.fingerprint.fi.interval, percent)}
                        <br />
                        {range(f.fingerprint.fe.interval, percent)}
                        <br />
                        <span className="muted">
                          {t("forensics.replicates", { replicates: f.fingerprint.replicates })}
                        </span>
                      </td>
                      <td>{read.fingerprint}</td>
                    </tr>
                  )}
                  <tr data-test="digits">
                    <th scope="row">{t("forensics.digits")}</th>
                    <td>
                      {f.digits.contestants.map((c) => (
                        <div key={c.name}>
                          {c.name}: {t("forensics.lastDigit")} p = {p(c.lastDigitP)}
                        </div>
                      ))}
                    </td>
                    <td>
                      {t("forensics.turnoutZeroFive")} p = {p(f.digits.turnoutZeroFive.pValue)}
                    </td>
                    <td>{read.digits}</td>
                  </tr>
                  <tr data-test="arithmetic">
                    <th scope="row">{t("forensics.arithmetic")}</th>
                    <td className="portal-value">
                      {t("forensics.flagged", { stations: n(f.arithmetic.flaggedStations) })}
                    </td>
                    <td>
                      {f.arithmetic.relations.map((r) => (
                        <div key={r.id}>
                          {relationText(r, t)}: {n(r.failures)}
                        </div>
                      ))}
                    </td>
                    <td>{read.arithmetic}</td>
                  </tr>
                  {f.exclusions === null ? null : (
                    <tr data-test="exclusions">
                      <th scope="row">{t("forensics.exclusions")}</th>
                      <td className="portal-value">
                        {t("forensics.excluded", {
                          excluded: n(f.exclusions.excluded),
                          rows: n(f.exclusions.rows),
                        })}
                      </td>
                      <td>
                        {Object.entries(f.exclusions.byReason).map(([reason, count]) => (
                          <div key={reason}>
                            {wordOf("reason", reason, t)}: {n(count)}
                          </div>
                        ))}
                      </td>
                      <td>{read.exclusions}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </TableRegion>
            {f.breakdown === null ? null : (
              <TableRegion>
                <table className="table portal-figures" data-breakdown={f.breakdown.level}>
                  <caption>
                    {t("forensics.breakdown", { level })} {read.breakdown}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{level}</th>
                      <th scope="col">{t("forensics.stations")}</th>
                      <th scope="col">{t("forensics.turnout")}</th>
                      <th scope="col">{t("forensics.leaderShare")}</th>
                      <th scope="col">{t("forensics.integerZ")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {f.breakdown.areas.map((a) => (
                      <tr key={a.area}>
                        <th scope="row">{a.area}</th>
                        <td>{n(a.stations)}</td>
                        <td>{percent(a.turnout)}</td>
                        <td>{percent(a.leaderShare)}</td>
                        <td>{a.integerZ === null ? "–" : a.integerZ.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            )}
            <p>
              {t("forensics.files")}{" "}
              {f.files.map((name, i) => (
                <span key={name}>
                  {i > 0 ? ", " : ""}
                  <a href={fileUrl(name)}>{name}</a>
                </span>
              ))}
            </p>
          </article>
        );
      })}
    </section>
  );
}
