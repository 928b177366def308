// Minimal inline-SVG plotting for the self-contained HTML report (no scripts, no network).

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n2 = (x: number) => (Math.round(x * 100) / 100).toString();

export interface LineSeries {
  readonly label: string;
  readonly color: string;
  /** y values at x = x0 + i * dx. */
  readonly values: readonly number[];
}

/** A line chart over a shared x grid, with vertical guides every `guideEvery` x units. */
export function lineChart(
  series: readonly LineSeries[],
  opts: {
    x0: number;
    dx: number;
    xLabel: string;
    yLabel: string;
    guideEvery?: number;
    width?: number;
    height?: number;
  },
): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 260;
  const m = { l: 56, r: 12, t: 12, b: 40 };
  const n = Math.max(...series.map((s) => s.values.length));
  const xMax = opts.x0 + (n - 1) * opts.dx;
  const yMax = Math.max(1e-12, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const sx = (x: number) => m.l + ((x - opts.x0) / (xMax - opts.x0)) * (W - m.l - m.r);
  const sy = (y: number) => H - m.b - (y / yMax) * (H - m.t - m.b);
  const parts: string[] = [];
  if (opts.guideEvery) {
    for (let x = opts.x0; x <= xMax + 1e-9; x += opts.guideEvery) {
      parts.push(`<line x1="${n2(sx(x))}" x2="${n2(sx(x))}" y1="${m.t}" y2="${H - m.b}" stroke="#eee"/>`);
    }
  }
  for (let x = opts.x0; x <= xMax + 1e-9; x += (xMax - opts.x0) / 10) {
    parts.push(
      `<text x="${n2(sx(x))}" y="${H - m.b + 14}" font-size="10" text-anchor="middle">${n2(x)}</text>`,
    );
  }
  for (const f of [0, 0.5, 1]) {
    parts.push(
      `<text x="${m.l - 4}" y="${n2(sy(f * yMax) + 3)}" font-size="10" text-anchor="end">${n2(f * yMax)}</text>`,
    );
  }
  for (const s of series) {
    const pts = s.values.map(
      (y, i) => `${n2(sx(opts.x0 + i * opts.dx))},${n2(sy(Number.isFinite(y) ? y : 0))}`,
    );
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1" points="${pts.join(" ")}"/>`);
  }
  series.forEach((s, i) => {
    parts.push(
      `<text x="${m.l + 8}" y="${m.t + 12 + 12 * i}" font-size="11" fill="${s.color}">${escapeHtml(s.label)}</text>`,
    );
  });
  parts.push(
    `<text x="${(W + m.l) / 2}" y="${H - 6}" font-size="11" text-anchor="middle">${escapeHtml(opts.xLabel)}</text>`,
    `<text x="12" y="${H / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${H / 2})">${escapeHtml(opts.yLabel)}</text>`,
    `<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#999"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img">${parts.join("")}</svg>`;
}

/** Heatmap of a bins x bins grid (row = x bin, column = y bin) on a log colour scale. */
export function heatmap(
  values: readonly number[],
  bins: number,
  opts: { title: string; size?: number },
): string {
  const S = opts.size ?? 320;
  const m = { l: 40, b: 34, t: 20 };
  const cell = S / bins;
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  const floor = max * 1e-4;
  const parts: string[] = [];
  for (let i = 0; i < bins; i++) {
    for (let j = 0; j < bins; j++) {
      const v = values[i * bins + j] ?? 0;
      if (v <= floor) continue;
      const f = Math.log(v / floor) / Math.log(max / floor);
      const light = Math.round(95 - 80 * f);
      parts.push(
        `<rect x="${n2(m.l + i * cell)}" y="${n2(m.t + S - (j + 1) * cell)}" width="${n2(cell + 0.05)}" height="${n2(cell + 0.05)}" fill="hsl(${Math.round(230 - 200 * f)},80%,${light}%)"/>`,
      );
    }
  }
  const W = m.l + S + 10;
  const H = m.t + S + m.b;
  parts.push(
    `<rect x="${m.l}" y="${m.t}" width="${S}" height="${S}" fill="none" stroke="#999"/>`,
    `<text x="${m.l + S / 2}" y="14" font-size="12" text-anchor="middle">${escapeHtml(opts.title)}</text>`,
    `<text x="${m.l + S / 2}" y="${H - 8}" font-size="11" text-anchor="middle">turnout (0–100%)</text>`,
    `<text x="12" y="${m.t + S / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${m.t + S / 2})">winner share (0–100%)</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" style="background:#fff">${parts.join("")}</svg>`;
}
