// Text labels of an Observable Plot chart placed so that no two overlap: Plot draws each label at
// its point, so neighbouring points' labels (teams of similar severity, say) pile up. Each label,
// left to right, keeps its place when it is free, else moves up or down by whole lines to the
// nearest free place inside the chart; the other texts (axes) stay where they are and are avoided.

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const MAX_STEPS = 8;

const overlaps = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

function boxOf(element: Element): Box {
  const r = element.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

/** Moves the labels of the chart's text marks apart; call once the chart is in the document. */
export function separateLabels(chart: Element): void {
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
  if (svg === null) return;
  const frame = svg.getBoundingClientRect();
  if (frame.width === 0) return;
  // Screen pixels to the drawing's own units (the chart may be drawn smaller than its viewBox).
  const viewBox = svg.viewBox.baseVal;
  const unitsPerPixel = viewBox !== null && viewBox.height > 0 ? viewBox.height / frame.height : 1;
  const labels = [...svg.querySelectorAll('g[aria-label="text"] text')];
  const movable = new Set(labels);
  const placed: Box[] = [...svg.querySelectorAll("text")]
    .filter((text) => !movable.has(text))
    .map(boxOf)
    .filter((box) => box.right > box.left);
  const boxes = labels.map((text) => ({ text, box: boxOf(text) })).filter(({ box }) => box.right > box.left);
  boxes.sort((a, b) => a.box.left - b.box.left);
  for (const { text, box } of boxes) {
    const line = box.bottom - box.top + 1;
    let chosen = 0;
    for (let step = 0; step <= 2 * MAX_STEPS; step++) {
      // 0, -1, +1, -2, +2, …: up first (labels sit above their points).
      const shift = (step % 2 === 1 ? -1 : 1) * Math.ceil(step / 2) * line;
      const moved = { ...box, top: box.top + shift, bottom: box.bottom + shift };
      if (moved.top < frame.top || moved.bottom > frame.bottom) continue;
      if (placed.some((other) => overlaps(moved, other))) continue;
      chosen = shift;
      break;
    }
    if (chosen !== 0) {
      const transform = text.getAttribute("transform");
      const by = `translate(0,${(chosen * unitsPerPixel).toFixed(2)})`;
      text.setAttribute("transform", transform === null ? by : `${by} ${transform}`);
    }
    placed.push({ ...box, top: box.top + chosen, bottom: box.bottom + chosen });
  }
}
