// JSON (and so jsonb) has no NaN or Infinity: a report's undefined statistics (a p-value of a test
// with too few counts, a share of nothing) would come back as null and break readers that expect
// numbers. Stored reports carry them as marker strings, restored on reading.
const MARKERS: Readonly<Record<string, number>> = {
  "<NaN>": Number.NaN,
  "<Infinity>": Number.POSITIVE_INFINITY,
  "<-Infinity>": Number.NEGATIVE_INFINITY,
};

export function markNonFinite(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return Number.isNaN(value) ? "<NaN>" : value > 0 ? "<Infinity>" : "<-Infinity>";
  }
  if (Array.isArray(value)) return value.map(markNonFinite);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markNonFinite(v)]));
  }
  return value;
}

export function restoreNonFinite(value: unknown): unknown {
  if (typeof value === "string") return MARKERS[value] ?? value;
  if (Array.isArray(value)) return value.map(restoreNonFinite);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreNonFinite(v)]));
  }
  return value;
}
