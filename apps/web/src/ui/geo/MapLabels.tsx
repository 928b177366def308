// Labels of a map's areas, measured in the browser and then placed without overlaps (see
// labels.ts). First render: every label invisible at its anchor, to measure its real size in the
// real font; then each is drawn where it fits, with a leader line when moved off its area.
import { useLayoutEffect, useRef, useState } from "react";
import { leaderEnd, type PlacedLabel, placeLabels } from "./labels.ts";

export interface MapLabel {
  readonly id: string;
  readonly anchor: readonly [number, number];
  readonly priority: number;
  readonly lines: readonly { readonly text: string; readonly className: string }[];
}

const LINE_HEIGHT = 13;
const PADDING = 2;

export function MapLabels({
  labels,
  width,
  height,
  avoid = [],
  className = "map-labels",
}: {
  labels: readonly MapLabel[];
  width: number;
  height: number;
  /** Boxes no label may cover (a legend). */
  avoid?: readonly { left: number; top: number; right: number; bottom: number }[];
  className?: string;
}) {
  const measuring = useRef<SVGGElement>(null);
  const [placed, setPlaced] = useState<readonly PlacedLabel[] | null>(null);
  const signature = JSON.stringify([labels, width, height, avoid]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for labels, size and obstacles
  useLayoutEffect(() => {
    setPlaced(null);
  }, [signature]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again whenever the labels change (signature)
  useLayoutEffect(() => {
    if (placed !== null || measuring.current === null) return;
    const sizes = new Map<string, { width: number; height: number }>();
    for (const group of measuring.current.querySelectorAll<SVGGElement>("g[data-label]")) {
      const box = group.getBBox();
      sizes.set(group.dataset["label"] ?? "", {
        width: box.width + 2 * PADDING,
        height: box.height + 2 * PADDING,
      });
    }
    setPlaced(
      placeLabels(
        labels.map((label) => ({
          id: label.id,
          anchor: label.anchor,
          priority: label.priority,
          width: sizes.get(label.id)?.width ?? 0,
          height: sizes.get(label.id)?.height ?? 0,
        })),
        { width, height },
        avoid,
      ),
    );
  }, [placed, signature]);

  const lines = (label: MapLabel, x: number, y: number) => {
    const top = y - ((label.lines.length - 1) * LINE_HEIGHT) / 2;
    return label.lines.map((line, i) => (
      <text
        // biome-ignore lint/suspicious/noArrayIndexKey: a label's lines are fixed
        key={i}
        x={x}
        y={top + i * LINE_HEIGHT}
        textAnchor="middle"
        dominantBaseline="central"
        className={line.className}
      >
        {line.text}
      </text>
    ));
  };

  if (placed === null)
    return (
      <g ref={measuring} className={className} visibility="hidden">
        {labels.map((label) => (
          <g key={label.id} data-label={label.id}>
            {lines(label, label.anchor[0], label.anchor[1])}
          </g>
        ))}
      </g>
    );
  const byId = new Map(labels.map((label) => [label.id, label]));
  return (
    <g className={className}>
      {placed.map((spot) => {
        const label = byId.get(spot.id);
        if (label === undefined) return null;
        const end = leaderEnd(spot, label.anchor);
        return (
          <g
            key={spot.id}
            data-label={spot.id}
            className={spot.leader ? "map-label map-label--moved" : "map-label"}
          >
            {spot.leader && (
              <>
                <line
                  x1={label.anchor[0]}
                  y1={label.anchor[1]}
                  x2={end[0]}
                  y2={end[1]}
                  className="map-label__leader"
                />
                <circle cx={label.anchor[0]} cy={label.anchor[1]} r={1.8} className="map-label__dot" />
                <rect
                  x={spot.x - spot.width / 2}
                  y={spot.y - spot.height / 2}
                  width={spot.width}
                  height={spot.height}
                  rx={2}
                  className="map-label__box"
                />
              </>
            )}
            {lines(label, spot.x, spot.y)}
          </g>
        );
      })}
    </g>
  );
}
