// What one answer must look like for its question type (no expressions here:
// skip logic, constraints and calculations are in validate.ts).
import { z } from "zod";
import { parseGeopoints } from "../expressions/evaluate.ts";
import { DEFAULT_TEXT_MAX_LENGTH, type FormDefinition, type Question } from "./definition.ts";

/** One instance of a repeat: answers keyed by the names of the items inside. */
export type RepeatInstance = Readonly<Record<string, AnswerValue>>;
export type AnswerValue = string | number | readonly string[] | null | readonly RepeatInstance[];
export type Answers = Readonly<Record<string, AnswerValue>>;
export const AnswerValueSchema: z.ZodType<AnswerValue> = z.union([
  z.string(),
  z.number(),
  z.array(z.string()),
  z.null(),
  z.array(
    z.record(
      z.string(),
      z.lazy(() => AnswerValueSchema),
    ),
  ),
]);
export const AnswersSchema = z.record(z.string(), AnswerValueSchema);

/** What the server knows of an attachment sent with the report. */
export interface AttachmentInfo {
  readonly contentType: string;
  readonly size: number;
}

export interface TypeProblem {
  readonly code: string;
  readonly message: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
const SHA256 = /^[0-9a-f]{64}$/;

export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function isUnanswered(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  return `a ${typeof v}`;
}

/** The content types an attachment question accepts. */
export function acceptsContentType(type: Question["type"], contentType: string): boolean {
  const major = contentType.split("/")[0] ?? "";
  switch (type) {
    case "image":
      return major === "image";
    case "audio":
      return major === "audio";
    case "video":
      return major === "video";
    case "file":
      return true;
    default:
      return false;
  }
}

/** The answer of a valid value: shared, never changed (callers only read it). */
const NO_PROBLEMS: TypeProblem[] = [];
Object.freeze(NO_PROBLEMS);

/** Choice names by list (cached per list): an answer is looked up, not searched for. */
const choiceNames = new WeakMap<object, ReadonlySet<string>>();
function isChoice(form: FormDefinition, q: Question & { listName: string }, name: string): boolean {
  if (name === "other" && (q.type === "select_one" || q.type === "select_multiple") && q.orOther === true)
    return true;
  const choices = form.choiceLists[q.listName];
  if (choices === undefined) return false;
  let names = choiceNames.get(choices);
  if (names === undefined) {
    names = new Set(choices.map((c) => c.name));
    choiceNames.set(choices, names);
  }
  return names.has(name);
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

const wrong = (expected: string, v: unknown): TypeProblem[] => [
  { code: "wrong_type", message: `expected ${expected}, got ${describeValue(v)}` },
];

/** Type/domain problems of one answer, or [] when it fits the question. */
export function typeIssues(
  form: FormDefinition,
  q: Question,
  v: unknown,
  attachments?: ReadonlyMap<string, AttachmentInfo>,
): TypeProblem[] {
  switch (q.type) {
    case "yes_no":
    case "select_one":
    case "assessment": {
      if (typeof v !== "string") return wrong("a choice name", v);
      if (!isChoice(form, q, v)) {
        const choices = form.choiceLists[q.listName] ?? [];
        return [
          {
            code: "invalid_choice",
            message: `'${v.slice(0, 100)}' is not a choice (${choices
              .slice(0, 20)
              .map((c) => c.name)
              .join(", ")}${choices.length > 20 ? ", ..." : ""})`,
          },
        ];
      }
      return NO_PROBLEMS;
    }
    case "select_multiple": {
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
        return wrong("a list of choice names", v);
      const out: TypeProblem[] = [];
      const bad = v.filter((x: string) => !isChoice(form, q, x));
      if (bad.length > 0) out.push({ code: "invalid_choice", message: `not choices: ${bad.join(", ")}` });
      if (new Set(v).size !== v.length)
        out.push({ code: "duplicate_choice", message: "a choice is selected twice" });
      return out;
    }
    case "integer":
    case "decimal":
    case "range": {
      if (typeof v !== "number") return wrong("a number", v);
      if (!Number.isFinite(v)) return [{ code: "not_finite", message: "expected a finite number" }];
      if (q.type === "integer" && !Number.isSafeInteger(v))
        return [{ code: "not_integer", message: `expected a whole number, got ${v}` }];
      const min = q.type === "range" ? Math.min(q.start, q.end) : q.min;
      const max = q.type === "range" ? Math.max(q.start, q.end) : q.max;
      if (min !== undefined && v < min)
        return [{ code: "below_min", message: `${v} is below the minimum ${min}` }];
      if (max !== undefined && v > max)
        return [{ code: "above_max", message: `${v} is above the maximum ${max}` }];
      if (q.type === "range") {
        const steps = (v - q.start) / q.step;
        if (Math.abs(steps - Math.round(steps)) > 1e-9)
          return [{ code: "off_step", message: `${v} is not ${q.start} plus a multiple of ${q.step}` }];
      }
      return NO_PROBLEMS;
    }
    case "text":
    case "barcode": {
      if (typeof v !== "string") return wrong("text", v);
      const max = q.type === "text" ? (q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH) : DEFAULT_TEXT_MAX_LENGTH;
      // Characters are code points; a text no longer in UTF-16 units than the limit is within it.
      const length = v.length <= max ? v.length : codePoints(v);
      if (length > max)
        return [{ code: "too_long", message: `${length} characters; at most ${max} are accepted` }];
      return NO_PROBLEMS;
    }
    case "time":
      if (typeof v !== "string") return wrong("a time HH:MM", v);
      return TIME.test(v)
        ? NO_PROBLEMS
        : [{ code: "invalid_time", message: `'${v.slice(0, 40)}' is not a time HH:MM (00:00-23:59)` }];
    case "date":
      if (typeof v !== "string") return wrong("a date YYYY-MM-DD", v);
      return isCalendarDate(v)
        ? NO_PROBLEMS
        : [{ code: "invalid_date", message: `'${v.slice(0, 40)}' is not a date YYYY-MM-DD` }];
    case "datetime": {
      if (typeof v !== "string") return wrong("a date and time", v);
      const m = DATETIME.exec(v);
      return m !== null && isCalendarDate(m[1] ?? "")
        ? NO_PROBLEMS
        : [
            {
              code: "invalid_datetime",
              message: `'${v.slice(0, 40)}' is not a date and time like 2024-03-01T07:30:00+03:00`,
            },
          ];
    }
    case "geopoint": {
      if (typeof v !== "string") return wrong("a position 'latitude longitude [altitude [accuracy]]'", v);
      const parts = v.trim().split(/\s+/).map(Number);
      const [point] = parseGeopoints([v]);
      if (point === undefined || parts.length > 4 || parts.some((p) => !Number.isFinite(p)))
        return [
          {
            code: "invalid_geopoint",
            message: `'${v.slice(0, 60)}' is not 'latitude longitude [altitude [accuracy]]'`,
          },
        ];
      if (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180)
        return [
          {
            code: "invalid_geopoint",
            message: `latitude ${point.lat}, longitude ${point.lon} is not on Earth`,
          },
        ];
      return NO_PROBLEMS;
    }
    case "image":
    case "audio":
    case "video":
    case "file": {
      if (typeof v !== "string" || !SHA256.test(v))
        return [{ code: "wrong_type", message: "expected the SHA-256 (64 hex digits) of an attachment" }];
      if (attachments === undefined) return NO_PROBLEMS;
      const info = attachments.get(v);
      if (info === undefined)
        return [
          { code: "missing_attachment", message: `attachment ${v.slice(0, 12)}... was not sent or uploaded` },
        ];
      if (!acceptsContentType(q.type, info.contentType))
        return [
          { code: "attachment_type", message: `a ${q.type} question cannot take a ${info.contentType} file` },
        ];
      return NO_PROBLEMS;
    }
    case "acknowledge":
      return v === "OK"
        ? NO_PROBLEMS
        : [{ code: "wrong_type", message: `expected "OK", got ${describeValue(v)}` }];
    case "calculate":
      return typeof v === "string" || typeof v === "number" ? NO_PROBLEMS : wrong("text or a number", v);
  }
}
