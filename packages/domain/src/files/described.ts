// Set-up files people write by hand (an election, a mission): JSON or YAML, checked against the
// same zod schema as the API body, each problem named by its field path and its line.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from "yaml";
import type { z } from "zod";
import { issueParams } from "../common/issue-params.ts";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";

export type DescribedFormat = "json" | "yaml";

/** The format a file name says (.json, .yaml, .yml), or undefined. */
export function formatOfFileName(name: string): DescribedFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  return undefined;
}

type Located = { line: number; column: number };

/** Line and column (1-based) of the node at `path`, or of its nearest ancestor present in the file. */
function locate(
  contents: unknown,
  path: readonly PropertyKey[],
  lineCounter: LineCounter,
  key?: string,
): Located | undefined {
  let node: unknown = contents;
  let at: [number, number, number] | undefined = rangeOf(node);
  const steps = key === undefined ? path : [...path, key];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      keyNode = pair?.key;
      next = pair?.value;
    } else if (isSeq(node) && typeof step === "number") next = node.items[step];
    if (keyNode === undefined && next === undefined) break;
    // An unknown key is pointed at itself; a value at the value (or its key when it has none).
    const isLast = i === steps.length - 1;
    node = next;
    at = (isLast && key !== undefined ? rangeOf(keyNode) : (rangeOf(next) ?? rangeOf(keyNode))) ?? at;
    if (next === undefined || next === null) break;
  }
  if (at === undefined) return undefined;
  const { line, col } = lineCounter.linePos(at[0]);
  return { line, column: col };
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  if (typeof node !== "object" || node === null || !("range" in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ?? undefined;
}

/** Line of a character offset in `text` (1-based). */
function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON or YAML text and checks it against `schema`; issues carry path, line and column. */
export function parseDescribed<S extends z.ZodType>(
  schema: S,
  text: string,
  format: DescribedFormat,
): Result<z.output<S>, InputIssue[]> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = (errors: typeof doc.errors): InputIssue[] =>
    errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return { line, column: col, code: "syntax", message: e.message.split("\n")[0] ?? e.message };
    });
  let value: unknown;
  let contents: unknown = doc.contents;
  if (format === "json") {
    // JSON is read by JSON's own parser (YAML would let trailing commas and comments through);
    // the YAML reading only locates fields, and finds the duplicate keys JSON.parse overwrites.
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      const lineMatch = /line (\d+)/.exec(message)?.[1];
      const line =
        lineMatch !== undefined
          ? Number(lineMatch)
          : position === undefined
            ? undefined
            : lineOfOffset(text, Number(position));
      return err([
        { ...(line === undefined ? {} : { line }), code: "syntax", message: `not JSON: ${message}` },
      ]);
    }
    const duplicates = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
    if (duplicates.length > 0) return err(syntax(duplicates));
    if (doc.errors.length > 0) contents = undefined;
  } else {
    if (doc.errors.length > 0) return err(syntax(doc.errors));
    value = doc.toJS();
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.flatMap((issue): InputIssue[] => {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
      return keys.map((key) => {
        const path = key === undefined ? issue.path : [...issue.path, key];
        const where = locate(contents, issue.path, lineCounter, key);
        return {
          path: path.map((p) => (typeof p === "number" ? p : String(p))),
          ...(where === undefined ? {} : { line: where.line, column: where.column }),
          code: issue.code,
          params: key === undefined ? issueParams(issue) : { keys: [key] },
          message:
            key !== undefined
              ? `unknown field "${key}"`
              : issue.code === "invalid_type" && issue.message.endsWith("received undefined")
                ? "required, but missing"
                : issue.message,
        };
      });
    }),
  );
}

/** The line of the field at `path` in a described text, when it can be found. */
export function lineInDescribed(
  text: string,
  format: DescribedFormat,
  path: readonly (string | number)[],
): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0 && format === "json") return undefined;
  return locate(doc.contents, path, lineCounter)?.line;
}

/** Writes a value in the format `parseDescribed` reads back. */
export function formatDescribed(value: unknown, format: DescribedFormat): string {
  return format === "json" ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0 });
}
