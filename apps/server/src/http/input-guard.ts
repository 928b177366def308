// Checks every string of a request (values and object keys, at any depth) before any schema or
// handler sees it: a NUL or an unpaired UTF-16 surrogate cannot be stored as text by PostgreSQL
// (and is never meaningful), so it is a 400 naming the field. Nesting is bounded so that no
// later recursive step (schema parsing, hashing, canonical JSON) can overflow the stack.
import type { Issue } from "@scrutiny/contract";
import { unstorableTextProblem } from "@scrutiny/domain";

export const MAX_DEPTH = 64;

/** A value still to look at: its key under its parent, so that a path is built only for a problem. */
interface Pending {
  readonly value: unknown;
  readonly key: string | number;
  readonly parent: Pending | undefined;
  /** Length of its path (the part's name counts one). */
  readonly depth: number;
}

function pathOf(pending: Pending, last?: string): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let at: Pending | undefined = pending; at !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The first problem in `value` (a parsed request part), with its path from `part` down.
 * `text: false` checks nesting only, for bodies whose schema refuses such text item by item
 * (a batch of reports: one bad report must not fail the others).
 */
export function findBadInput(
  value: unknown,
  part: string,
  options: { text: boolean } = { text: true },
): Issue | undefined {
  // The text rule is the domain's (the submission envelope applies it per report).
  const stack: Pending[] = [{ value, key: part, parent: undefined, depth: 1 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const current = item.value;
    if (typeof current === "string") {
      if (!options.text) continue;
      const problem = unstorableTextProblem(current);
      if (problem !== undefined) return { path: pathOf(item), code: "unstorable_text", message: problem };
      continue;
    }
    if (typeof current !== "object" || current === null || current instanceof Uint8Array) continue;
    if (item.depth > MAX_DEPTH)
      return { path: pathOf(item), code: "too_deep", message: `nested deeper than ${MAX_DEPTH} levels` };
    const depth = item.depth + 1;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], key: i, parent: item, depth });
      continue;
    }
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const problem = options.text ? unstorableTextProblem(key) : undefined;
      if (problem !== undefined)
        return { path: pathOf(item, key), code: "unstorable_text", message: `the field name: ${problem}` };
      stack.push({ value: record[key], key, parent: item, depth });
    }
  }
  return undefined;
}
