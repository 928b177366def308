import { describe, expect, it } from "vitest";
import { leaderEnd, placeLabels } from "../src/ui/geo/labels.ts";

/** A seeded stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("map label placement", () => {
  it("places crowded labels without any two overlapping, inside the drawing", () => {
    const next = random(11);
    // 60 labels whose anchors crowd into one corner of a 600 × 400 drawing.
    const requests = Array.from({ length: 60 }, (_, i) => ({
      id: `L${i}`,
      anchor: [40 + next() * 120, 30 + next() * 90] as const,
      width: 30 + next() * 30,
      height: 24,
      priority: next(),
    }));
    const placed = placeLabels(requests, { width: 600, height: 400 });
    expect(placed).toHaveLength(60);
    for (const a of placed) {
      expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width / 2).toBeLessThanOrEqual(600);
      for (const b of placed) {
        if (a === b) continue;
        const apart =
          a.x + a.width / 2 <= b.x - b.width / 2 ||
          b.x + b.width / 2 <= a.x - a.width / 2 ||
          a.y + a.height / 2 <= b.y - b.height / 2 ||
          b.y + b.height / 2 <= a.y - a.height / 2;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    }
    // Some stayed on their anchor; the others were moved and get a leader line.
    expect(placed.some((p) => !p.leader)).toBe(true);
    expect(placed.some((p) => p.leader)).toBe(true);
  });

  it("keeps a label on its anchor when it fits, and leaves out one that cannot fit anywhere", () => {
    const placed = placeLabels(
      [
        { id: "big", anchor: [50, 20], width: 90, height: 30, priority: 2 },
        { id: "small", anchor: [50, 20], width: 90, height: 30, priority: 1 },
      ],
      { width: 100, height: 40 },
    );
    expect(placed).toEqual([{ id: "big", x: 50, y: 20, width: 90, height: 30, leader: false }]);
  });

  it("ends a leader line on the edge of the label's box", () => {
    const end = leaderEnd({ id: "a", x: 100, y: 100, width: 40, height: 20, leader: true }, [100, 200]);
    expect(end).toEqual([100, 110]);
  });
});
