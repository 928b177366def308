// Checks every string of a request (values and object keys, at any depth) before any schema or
// handler sees it: a NUL or an unpaired UTF-16 surrogate cannot be stored as text by PostgreSQL
// (and is never meaningful), so it is a 400 naming the field. Nesting is bounded so that no
// later recursive step (schema parsing, hashing, canonical JSON) can overflow the stack.
import type { Issue } from "@scrutiny/contract";
import { unstorableText } from "@scrutiny/domain";

export const MAX_DEPTH = 64;

/** The rule for one string is the domain's (the submission envelope applies it per report). */
function badText(text: string, path: (string | number)[]): Issue | undefined {
  const [issue] = unstorableText(text, path);
  return issue === undefined ? undefined : { path, code: issue.code, message: issue.message };
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
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [part] }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const current = item.value;
    if (typeof current === "string") {
      if (!options.text) continue;
      const problem = badText(current, item.path);
      if (problem) return problem;
      continue;
    }
    if (typeof current !== "object" || current === null || current instanceof Uint8Array) continue;
    if (item.path.length > MAX_DEPTH)
      return { path: item.path, code: "too_deep", message: `nested deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], path: [...item.path, i] });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const problem = options.text ? badText(key, [...item.path, key]) : undefined;
      if (problem) return { ...problem, message: `the field name: ${problem.message}` };
      stack.push({ value: child, path: [...item.path, key] });
    }
  }
  return undefined;
}
