import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";
import { separateLabels } from "./plotLabels.ts";

/**
 * An Observable Plot chart as one accessible image; React owns the container only. Plot names
 * its marks' groups with aria-label, which ARIA prohibits on elements without a role; inside an
 * image they are presentational anyway, so the names are dropped and the chart keeps its label.
 * Labels of text marks are moved apart where they would overlap.
 */
export function PlotChart({
  options,
  label,
  className,
}: {
  options: Plot.PlotOptions;
  label: string;
  className: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const plot = Plot.plot(options);
    node.replaceChildren(plot);
    separateLabels(plot);
    for (const named of plot.querySelectorAll("[aria-label], [aria-description]")) {
      named.removeAttribute("aria-label");
      named.removeAttribute("aria-description");
    }
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", label);
    return () => plot.remove();
  }, [options, label]);
  return <div ref={ref} className={className} />;
}
