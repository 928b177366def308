// Observable Plot figures of a forensic report: 0.1-point histograms, fingerprint heatmaps and
// fitted-against-observed marginals. Plot renders SVG; React owns the container only.
import * as Plot from "@observablehq/plot";
import { PlotChart } from "../ui/PlotChart.tsx";

export function PlotFigure({ options, label }: { options: Plot.PlotOptions; label: string }) {
  return <PlotChart options={options} label={label} className="forensics-plot" />;
}

/**
 * How high the y-axis of a 0.1-point histogram goes: the tallest bin below 100%, with headroom.
 * The 100% bin (stations where everyone voted, or the leader took every vote: tiny, closed and
 * special stations) can hold many times more stations than any other and would flatten the
 * spikes at round numbers the histogram is read for; it is drawn cut at the top, marked, and its
 * count written beside it. Null when no bin needs cutting.
 */
export function histogramCeiling(counts: readonly number[]): number | null {
  const top = counts.at(-1) ?? 0;
  const rest = Math.max(0, ...counts.slice(0, -1));
  return rest > 0 && top > 1.5 * rest ? Math.ceil(rest * 1.15) : null;
}

/** Stations per 0.1-point bin (bin j centred on j/10 %), as a spike line; an outsized 100% bin cut. */
export function histogramOptions(
  counts: readonly number[],
  xLabel: string,
  yLabel: string,
  color: string,
  width: number,
  offScale: (stations: number) => string,
): Plot.PlotOptions {
  const ceiling = histogramCeiling(counts);
  const last = counts.length - 1;
  const data = counts.map((count, j) => ({
    x: j / 10,
    count: ceiling !== null && j === last ? ceiling : count,
  }));
  const cut = ceiling === null ? [] : [{ x: last / 10, y: ceiling, label: offScale(counts[last] ?? 0) }];
  return {
    width,
    height: 220,
    marginLeft: 50,
    x: { label: xLabel, domain: [0, 100], ticks: 10 },
    y: { label: yLabel, grid: true, ...(ceiling === null ? {} : { domain: [0, ceiling] }) },
    marks: [
      Plot.ruleX([10, 20, 30, 40, 50, 60, 70, 80, 90], { stroke: "#e1e5ec" }),
      Plot.lineY(data, { x: "x", y: "count", stroke: color, strokeWidth: 1 }),
      Plot.ruleY([0]),
      // The cut: a break mark on the spike and its true count.
      Plot.dot(cut, { x: "x", y: "y", symbol: "triangle", r: 4, fill: color, rotate: 0 }),
      Plot.text(cut, {
        x: "x",
        y: "y",
        text: "label",
        textAnchor: "end",
        dx: -8,
        dy: 6,
        fill: "#172033",
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    ],
  };
}

/** A bins x bins fingerprint (row-major [turnout][share]) as a heatmap with a log colour scale. */
export function heatmapOptions(
  values: readonly number[],
  bins: number,
  xLabel: string,
  yLabel: string,
  width: number,
): Plot.PlotOptions {
  const step = 100 / bins;
  const cells: { x1: number; x2: number; y1: number; y2: number; v: number }[] = [];
  let max = 0;
  values.forEach((v, k) => {
    if (!(v > 0)) return;
    const i = Math.floor(k / bins);
    const j = k % bins;
    cells.push({ x1: i * step, x2: (i + 1) * step, y1: j * step, y2: (j + 1) * step, v });
    if (v > max) max = v;
  });
  return {
    width,
    height: width,
    marginLeft: 44,
    marginTop: 24,
    x: { label: xLabel, domain: [0, 100] },
    y: { label: yLabel, domain: [0, 100] },
    color: { type: "log", scheme: "viridis", domain: [Math.max(max * 1e-4, 1e-12), max] },
    marks: [
      Plot.frame({ fill: "#11131a" }),
      Plot.rect(cells, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "v" }),
      Plot.frame(),
    ],
  };
}

/** Marginal distributions of the observed and fitted fingerprints. */
export function marginalsOptions(
  observed: readonly number[],
  fitted: readonly number[],
  bins: number,
  labels: { turnoutObserved: string; turnoutFitted: string; shareObserved: string; shareFitted: string },
  xLabel: string,
  yLabel: string,
  width: number,
): Plot.PlotOptions {
  const margins = (h: readonly number[]) => {
    const turnout = new Array<number>(bins).fill(0);
    const share = new Array<number>(bins).fill(0);
    h.forEach((v, k) => {
      const i = Math.floor(k / bins);
      const j = k % bins;
      turnout[i] = (turnout[i] ?? 0) + v;
      share[j] = (share[j] ?? 0) + v;
    });
    return { turnout, share };
  };
  const o = margins(observed);
  const f = margins(fitted);
  const step = 100 / bins;
  const series = (values: number[], series: string) =>
    values.map((value, i) => ({ x: (i + 0.5) * step, value, series }));
  const data = [
    ...series(o.turnout, labels.turnoutObserved),
    ...series(f.turnout, labels.turnoutFitted),
    ...series(o.share, labels.shareObserved),
    ...series(f.share, labels.shareFitted),
  ];
  return {
    width,
    height: 240,
    marginLeft: 50,
    x: { label: xLabel, domain: [0, 100] },
    y: { label: yLabel, grid: true },
    color: {
      legend: true,
      domain: [labels.turnoutObserved, labels.turnoutFitted, labels.shareObserved, labels.shareFitted],
      range: ["#1f4e9c", "#8fb0e8", "#9c1f3c", "#e8a0b2"],
    },
    marks: [
      Plot.lineY(
        data.filter((d) => d.series === labels.turnoutObserved || d.series === labels.shareObserved),
        { x: "x", y: "value", stroke: "series", strokeWidth: 1.5 },
      ),
      Plot.lineY(
        data.filter((d) => d.series === labels.turnoutFitted || d.series === labels.shareFitted),
        { x: "x", y: "value", stroke: "series", strokeWidth: 1.5, strokeDasharray: "4,3" },
      ),
      Plot.ruleY([0]),
    ],
  };
}
