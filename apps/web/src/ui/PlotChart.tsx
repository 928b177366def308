import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";

/** An Observable Plot chart as an accessible image; React owns the container only. */
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
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", label);
    node.replaceChildren(plot);
    return () => plot.remove();
  }, [options, label]);
  return <div ref={ref} className={className} />;
}
