// Self-contained HTML report: inline CSS and SVG only, readable offline, with a plain-language
// reading and caveat next to every test.
import type { ForensicsReport } from "./report.ts";
import { escapeHtml as e, heatmap, lineChart } from "./svg.ts";

const num = (x: number, d = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d })
    : "–";
const pct = (x: number, d = 1) => (Number.isFinite(x) ? `${num(100 * x, d)}%` : "–");

function marginals(hist: readonly number[], bins: number): { turnout: number[]; share: number[] } {
  const turnout = new Array<number>(bins).fill(0);
  const share = new Array<number>(bins).fill(0);
  for (let i = 0; i < bins; i++) {
    for (let j = 0; j < bins; j++) {
      const v = hist[i * bins + j] ?? 0;
      turnout[i] = (turnout[i] ?? 0) + v;
      share[j] = (share[j] ?? 0) + v;
    }
  }
  return { turnout, share };
}

export function renderForensicsHtml(report: ForensicsReport, title = "Election forensics report"): string {
  const ip = report.integerPercentages;
  const s: string[] = [];
  s.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.caveat{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em 1em}
.reading{background:#eef6ff;border-left:4px solid #3b82f6;padding:.5em 1em}figure{margin:1em 0}svg{max-width:100%;height:auto}</style></head><body>`);
  s.push(`<h1>${e(title)}</h1><p class="caveat"><strong>Read this first.</strong> ${e(report.caveat)}</p>`);
  const el = report.election;
  s.push(`<h2>Election</h2><table><tr><th>Stations</th><td>${num(el.stations)}</td></tr>
<tr><th>Registered voters</th><td>${num(el.registered)}</td></tr><tr><th>Ballots issued</th><td>${num(el.ballotsIssued)} (${pct(el.ballotsIssued / el.registered)})</td></tr>
<tr><th>Leader</th><td>${e(el.leader)}</td></tr></table><p>${e(el.leaderNote)}</p>${el.notes.map((n) => `<p>Derived: ${e(n)}.</p>`).join("")}
<table><tr><th>Contestant</th><th>Votes</th><th>Share of valid</th></tr>${el.contestants
    .map((c) => `<tr><td>${e(c.name)}</td><td>${num(c.votes)}</td><td>${pct(c.share)}</td></tr>`)
    .join("")}</table>`);

  const x = report.exclusions;
  if (x) {
    const csv = [
      "line,station,area,reason,detail",
      ...x.list.map((r) =>
        [r.line, r.station, r.area, r.reason, r.detail]
          .map((v) => `"${String(v).replace(/"/g, '""')}"`)
          .join(","),
      ),
    ].join("\n");
    s.push(`<h2>Rows left out</h2><p class="reading">${e(x.reading)}</p>`);
    if (x.excluded > 0) {
      s.push(
        `<table><tr><th>Reason</th><th>Rows</th></tr>${Object.entries(x.byReason)
          .filter(([, c]) => c > 0)
          .map(([r, c]) => `<tr><td>${e(r)}</td><td>${num(c)}</td></tr>`)
          .join("")}</table>`,
      );
      if (x.byArea)
        s.push(
          `<table><tr><th>${e(x.byArea.level)}</th><th>Rows</th><th>Left out</th><th>By reason</th></tr>${x.byArea.areas
            .slice(0, 30)
            .map(
              (a) =>
                `<tr><td>${e(a.area)}</td><td>${num(a.rows)}</td><td>${num(a.excluded)}</td><td>${e(
                  Object.entries(a.byReason)
                    .map(([r, c]) => `${r} ${c}`)
                    .join(", "),
                )}</td></tr>`,
            )
            .join("")}</table>`,
        );
      s.push(
        `<table><tr><th>Line</th><th>Station</th><th>Area</th><th>Reason</th><th>Detail</th></tr>${x.first
          .map(
            (r) =>
              `<tr><td>${num(r.line)}</td><td>${e(r.station)}</td><td>${e(r.area)}</td><td>${e(r.reason)}</td><td>${e(r.detail)}</td></tr>`,
          )
          .join(
            "",
          )}</table><p><a download="excluded-rows.csv" href="data:text/csv;charset=utf-8,${encodeURIComponent(csv)}">Download all ${num(x.excluded)} rows left out (CSV)</a></p>`,
      );
    }
  }

  s.push(`<h2>Integer percentages (Kobak, Shpilkin &amp; Pshenichnikov 2016, 2018)</h2>
<p class="reading">${e(ip.reading)}</p><table><tr><th></th><th>Included</th><th>Observed</th><th>Expected</th><th>SD</th><th>Excess</th><th>z</th><th>99.9% null band</th><th>P(null ≥ observed)</th></tr>
${(
  [
    ["Turnout or leader", ip],
    ["Turnout only", ip.turnoutOnly],
    ["Leader only", ip.leaderOnly],
  ] as const
)
  .map(
    ([label, r]) =>
      `<tr><td>${label}</td><td>${num(r.included)}</td><td>${num(r.observed)}</td><td>${num(r.expected, 1)}</td><td>${num(r.sd, 1)}</td><td>${num(r.excess, 1)}</td><td>${num(r.z, 2)}</td><td>${num(r.band[0])}–${num(r.band[1])}</td><td>${r.pValue.toExponential(1)}</td></tr>`,
  )
  .join("")}</table>`);
  if (ip.monteCarlo) {
    const mc = ip.monteCarlo.either;
    s.push(
      `<p>Monte Carlo cross-check (${mc.draws} seeded draws, seed ${mc.seed}): mean ${num(mc.mean, 1)}, sd ${num(mc.sd, 1)}, excess ${num(mc.excess, 1)}.</p>`,
    );
  }
  const h = report.histograms;
  s.push(
    `<figure>${lineChart([{ label: "stations per 0.1% of turnout", color: "#1f4e9c", values: h.turnout }], { x0: 0, dx: 0.1, xLabel: "turnout, %", yLabel: "stations", guideEvery: 5 })}<figcaption>Turnout histogram at 0.1-point resolution; spikes at whole and round numbers are the integer-percentage signal.</figcaption></figure>`,
    `<figure>${lineChart([{ label: "stations per 0.1% of leader share", color: "#9c1f3c", values: h.leaderShare }], { x0: 0, dx: 0.1, xLabel: "leader share, %", yLabel: "stations", guideEvery: 5 })}<figcaption>Leader-share histogram at 0.1-point resolution.</figcaption></figure>`,
  );

  const fp = report.fingerprint;
  if (fp) {
    const f = fp.fit;
    const obs = marginals(fp.observedFit, fp.fitBins);
    const fit = marginals(fp.fitted, fp.fitBins);
    const dx = 100 / fp.fitBins;
    s.push(`<h2>Election fingerprint (Klimek, Yegorov, Hanel &amp; Thurner 2012)</h2><p class="reading">${e(fp.reading)}</p>
<table><tr><th>Parameter</th><th>Estimate</th><th>Bootstrap SE</th><th>95% bootstrap interval</th></tr>
<tr><td>Incremental fraud f<sub>i</sub></td><td>${num(f.fi.estimate, 3)}</td><td>${num(f.fi.se, 3)}</td><td>${num(f.fi.interval[0], 3)}–${num(f.fi.interval[1], 3)}</td></tr>
<tr><td>Extreme fraud f<sub>e</sub></td><td>${num(f.fe.estimate, 3)}</td><td>${num(f.fe.se, 3)}</td><td>${num(f.fe.interval[0], 3)}–${num(f.fe.interval[1], 3)}</td></tr></table>
<p>Fair part: turnout ${pct(f.params.turnoutMean)} ± ${pct(f.params.turnoutSd)}, winner share ${pct(f.params.shareMean)} ± ${pct(f.params.shareSd)}; fraud intensity spread ${num(f.params.sdX, 2)}, α = ${num(f.params.alpha, 2)}. Deviance ${num(f.deviance)} (without fraud: ${num(f.devianceNoFraud)}); ${num(fp.stations)} stations, effective sample ${num(fp.effectiveStations)}; ${f.bootstrapReplicates} bootstrap replicates, seed ${f.seed}.
${(report.mainContestantFits ?? []).map((c) => `With ${e(c.contestant)} as the winner: f<sub>i</sub> ${num(c.fi, 3)}, f<sub>e</sub> ${num(c.fe, 3)} (deviance ${num(c.deviance)}, without fraud ${num(c.devianceNoFraud)}).`).join(" ")}
Optima from the ${f.localOptima.length} starts: ${f.localOptima.map((o) => `f<sub>i</sub> ${num(o.fi, 3)}, f<sub>e</sub> ${num(o.fe, 3)} (deviance ${num(o.deviance)})`).join("; ")}.</p>
<figure>${heatmap(fp.observed, fp.bins, { title: "Observed, voter-weighted" })} ${heatmap(fp.observedFit, fp.fitBins, { title: "Observed (fit resolution)" })} ${heatmap(fp.fitted, fp.fitBins, { title: "Fitted model" })}<figcaption>Turnout (x) against winner share (y), log colour scale. A fair election is one compact blob; smears towards the top right and a cluster in the corner are what the fraud model describes.</figcaption></figure>
<figure>${lineChart(
      [
        { label: "observed turnout", color: "#1f4e9c", values: obs.turnout },
        { label: "fitted turnout", color: "#7fa7e8", values: fit.turnout },
        { label: "observed winner share", color: "#9c1f3c", values: obs.share },
        { label: "fitted winner share", color: "#e88fa5", values: fit.share },
      ],
      { x0: dx / 2, dx, xLabel: "%", yLabel: "share of voters" },
    )}<figcaption>Fitted against observed marginal distributions.</figcaption></figure>`);
  }

  const d = report.digits;
  s.push(`<h2>Digit tests (Mebane 2006; Beber &amp; Scacco 2012)</h2><p class="caveat">${e(d.reading)}</p>
<table><tr><th>Contestant</th><th>2nd-digit mean</th><th>fitted null</th><th>p</th><th>Last digit χ² (counts ≥ 100, fitted null)</th><th>p</th><th>Counts ending 0/5</th><th>fitted null</th><th>p</th><th>(2nd digit vs 4.187: z)</th></tr>
${d.contestants
  .map(
    (c) =>
      `<tr><td>${e(c.name)}</td><td>${num(c.secondDigitFitted.observed, 3)}</td><td>${num(c.secondDigitFitted.expected, 3)}</td><td>${num(c.secondDigitFitted.pValue, 3)}</td><td>${num(c.lastDigitFitted.chiSquare, 1)} (${c.lastDigitFitted.degreesOfFreedom} df, n = ${num(c.lastDigitFitted.counts)})</td><td>${num(c.lastDigitFitted.pValue, 3)}</td><td>${pct(c.zeroFiveFitted.observed)}</td><td>${pct(c.zeroFiveFitted.expected)}</td><td>${num(c.zeroFiveFitted.pValue, 3)}</td><td>${num(c.secondDigit.z, 1)}</td></tr>`,
  )
  .join("")}</table>
<p>Rounded turnout percentages ending in 0 or 5: ${pct(d.turnoutPercentZeroFiveFitted.observed)} against ${pct(d.turnoutPercentZeroFiveFitted.expected)} under the fitted null (z = ${num(d.turnoutPercentZeroFiveFitted.z, 1)}); leader percentages: ${pct(d.leaderPercentZeroFiveFitted.observed)} against ${pct(d.leaderPercentZeroFiveFitted.expected)} (z = ${num(d.leaderPercentZeroFiveFitted.z, 1)}).</p>`);

  const a = report.arithmetic;
  s.push(`<h2>Protocol arithmetic</h2><p class="reading">${e(a.reading)}</p><table><tr><th>Relation</th><th>Failing stations</th></tr>
${a.relations.map((r) => `<tr><td>${e(r.description ?? r.id)}</td><td>${num(r.failures)}</td></tr>`).join("")}</table>`);
  if (a.flags.length > 0) {
    s.push(
      `<table><tr><th>Station</th><th>Line</th><th>Relation</th><th>Left</th><th>Right</th></tr>${a.flags
        .slice(0, 100)
        .map(
          (f) =>
            `<tr><td>${e(f.stationCode)}</td><td>${f.line}</td><td>${e(f.relation)}</td><td>${num(f.left)}</td><td>${num(f.right)}</td></tr>`,
        )
        .join("")}</table>`,
    );
  }

  const b = report.breakdown;
  if (b) {
    s.push(`<h2>Where anomalies concentrate (by ${e(b.level)})</h2><p class="reading">${e(b.reading)}</p>
<table><tr><th>${e(b.level)}</th><th>Stations</th><th>Turnout</th><th>Leader</th><th>Integer obs.</th><th>Expected</th><th>Excess</th><th>z</th><th>Voters in ≥95/95 corner</th><th>2nd-digit mean</th><th>Last-digit p</th><th>Arithmetic flags</th></tr>
${b.areas
  .slice(0, 60)
  .map(
    (r) =>
      `<tr><td>${e(r.parent ? `${r.parent} / ${r.area}` : r.area)}</td><td>${num(r.stations)}</td><td>${pct(r.turnout)}</td><td>${pct(r.leaderShare)}</td><td>${num(r.integer.observed)}</td><td>${num(r.integer.expected, 1)}</td><td>${num(r.integer.excess, 1)}</td><td>${num(r.integer.z, 1)}</td><td>${pct(r.extremeCornerShare)}</td><td>${num(r.secondDigit.mean, 2)}</td><td>${Number.isFinite(r.lastDigit.pValue) ? r.lastDigit.pValue.toPrecision(2) : "–"}</td><td>${num(r.arithmeticFlags)}</td></tr>`,
  )
  .join(
    "",
  )}</table>${b.areas.length > 60 ? `<p>… ${b.areas.length - 60} more areas in the JSON report.</p>` : ""}`);
  }
  s.push(
    `<p><small>Generated by Scrutiny. Timings (ms): ${Object.entries(report.timings)
      .map(([k, v]) => `${e(k)} ${v}`)
      .join(", ")}.</small></p></body></html>`,
  );
  return s.join("\n");
}
