// Checks every string of a request (values and object keys, at any depth) before any schema or
// handler sees it: a NUL or an unpaired UTF-16 surrogate cannot be stored as text by PostgreSQL
// (and is never meaningful), so it is a 400 naming the field. Nesting is bounded so that no
// later recursive step (schema parsing, hashing, canonical JSON) can overflow the stack.
import type { Issue } from "@scrutiny/contract";

export const MAX_DEPTH = 64;

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired surrogate (invalid Unicode)";
  return undefined;
}

/** The first problem in `value` (a parsed request part), with its path from `part` down. */
export function findBadInput(value: unknown, part: string): Issue | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [part] }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const current = item.value;
    if (typeof current === "string") {
      const problem = badText(current);
      if (problem) return { path: item.path, code: "invalid_text", message: `the text ${problem}` };
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
      const problem = badText(key);
      if (problem)
        return { path: [...item.path, key], code: "invalid_text", message: `the field name ${problem}` };
      stack.push({ value: child, path: [...item.path, key] });
    }
  }
  return undefined;
}
