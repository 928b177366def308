import { type ReactNode, useLayoutEffect, useRef } from "react";

/**
 * A wide table that scrolls sideways inside its own region instead of widening the page. The
 * region is focusable, so keyboard users can scroll it, and named: by `label`, or else by the
 * heading of the figure or section it sits in.
 */
export function TableRegion({
  label,
  busy,
  children,
}: {
  label?: string;
  busy?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const node = ref.current;
    if (node === null || label !== undefined) return;
    const heading = node.parentElement
      ?.closest("figure, section, article, .card")
      ?.querySelector("h1, h2, h3, h4, legend, summary");
    if (heading instanceof HTMLElement) {
      if (heading.id === "") heading.id = `table-heading-${Math.random().toString(36).slice(2, 10)}`;
      node.setAttribute("aria-labelledby", heading.id);
    }
  }, [label]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section ref={ref} className="table-wrap" aria-label={label} aria-busy={busy} tabIndex={0}>
      {children}
    </section>
  );
}
