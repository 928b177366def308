// Figures as a reader sees them: shares in per cent, numbers with their unit's precision.
import type { EstimateRow } from "./api.ts";

export function figure(row: EstimateRow, value: number | null): string {
  if (value === null) return "–";
  if (row.kind === "proportion") return `${(value * 100).toFixed(1)}%`;
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function interval(row: EstimateRow): string {
  if (row.ci_lower === null || row.ci_upper === null) return "–";
  return `${figure(row, row.ci_lower)} – ${figure(row, row.ci_upper)}`;
}

export function counts(row: EstimateRow): string {
  if (row.denominator === null) return "–";
  if (row.kind === "proportion") return `${row.numerator ?? 0} / ${row.denominator}`;
  return `n = ${row.denominator}`;
}

export function percent(value: number | null): string {
  return value === null ? "–" : `${(value * 100).toFixed(1)}%`;
}
