// Label placement without overlaps: each label at its area's anchor if it fits there; otherwise
// at the nearest free spot around it, joined to the anchor by a leader line; labels of larger
// areas are placed first. Pure: sizes come in measured, positions go out.

export interface LabelRequest {
  readonly id: string;
  readonly anchor: readonly [number, number];
  readonly width: number;
  readonly height: number;
  /** Larger first. */
  readonly priority: number;
}

export interface PlacedLabel {
  readonly id: string;
  /** Centre of the label box. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Moved off its anchor: draw a leader line from the anchor to the box. */
  readonly leader: boolean;
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const GAP = 2;

function boxOf(x: number, y: number, width: number, height: number): Box {
  return { left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 };
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right + GAP && b.left < a.right + GAP && a.top < b.bottom + GAP && b.top < a.bottom + GAP;
}

/**
 * Places every label that can be placed inside `bounds` without touching another (or any of
 * `obstacles`, e.g. a legend); a label that finds no room is left out (the area keeps its title).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: { readonly width: number; readonly height: number },
  obstacles: readonly Box[] = [],
): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const placed: PlacedLabel[] = [];
  const inside = (box: Box) =>
    box.left >= 0 && box.top >= 0 && box.right <= bounds.width && box.bottom <= bounds.height;
  const free = (box: Box) => inside(box) && !taken.some((other) => overlaps(box, other));
  const maxRadius = Math.hypot(bounds.width, bounds.height);
  for (const request of [...requests].sort((a, b) => b.priority - a.priority)) {
    const [ax, ay] = request.anchor;
    let spot: { x: number; y: number; leader: boolean } | undefined;
    if (free(boxOf(ax, ay, request.width, request.height))) spot = { x: ax, y: ay, leader: false };
    // Rings of candidates around the anchor, nearest first; 16 directions, then 32 further out.
    const step = Math.max(6, request.height * 0.9);
    for (let radius = step; spot === undefined && radius <= maxRadius; radius += step) {
      const directions = radius < 6 * step ? 16 : 32;
      for (let i = 0; i < directions; i++) {
        const angle = (2 * Math.PI * i) / directions - Math.PI / 2;
        const x = ax + radius * Math.cos(angle) * (request.width / request.height > 2 ? 1.6 : 1);
        const y = ay + radius * Math.sin(angle);
        if (free(boxOf(x, y, request.width, request.height))) {
          spot = { x, y, leader: true };
          break;
        }
      }
    }
    // Last resort: the free spot nearest the anchor anywhere in the drawing, on a fine grid.
    if (spot === undefined) {
      let best = Number.POSITIVE_INFINITY;
      for (let y = request.height / 2; y <= bounds.height - request.height / 2; y += 3)
        for (let x = request.width / 2; x <= bounds.width - request.width / 2; x += 3) {
          const distance = Math.hypot(x - ax, y - ay);
          if (distance < best && free(boxOf(x, y, request.width, request.height))) {
            best = distance;
            spot = { x, y, leader: true };
          }
        }
    }
    if (spot === undefined) continue;
    taken.push(boxOf(spot.x, spot.y, request.width, request.height));
    placed.push({ id: request.id, ...spot, width: request.width, height: request.height });
  }
  return placed;
}

/** Where a leader line from the anchor meets the label box's edge. */
export function leaderEnd(label: PlacedLabel, anchor: readonly [number, number]): [number, number] {
  const dx = anchor[0] - label.x;
  const dy = anchor[1] - label.y;
  const sx = dx === 0 ? Number.POSITIVE_INFINITY : label.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Number.POSITIVE_INFINITY : label.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return [label.x + dx * s, label.y + dy * s];
}
