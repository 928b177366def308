// The values a validation problem names, kept beside its English sentence so that a reader's page
// can say it in the reader's language (apps/web/src/ui/issueText.ts): zod's own (what is too
// small, the bound, the expected format, the allowed values) and a refinement's `params` (its
// `code`, the reason, and what it names). One function, used by the server's answers, the file
// readers and the web app's live checks alike.
import type { z } from "zod";

export type IssueParamValue = string | number | boolean | string[];
export type IssueParams = Record<string, IssueParamValue>;

const plain = (value: unknown): IssueParamValue | undefined => {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(String);
  return undefined;
};

export function issueParams(issue: z.core.$ZodIssue): IssueParams {
  const out: Record<string, IssueParamValue> = {};
  const put = (key: string, value: unknown) => {
    const v = plain(value);
    if (v !== undefined) out[key] = v;
  };
  switch (issue.code) {
    case "too_small":
      put("origin", issue.origin);
      put("minimum", issue.minimum);
      break;
    case "too_big":
      put("origin", issue.origin);
      put("maximum", issue.maximum);
      break;
    case "invalid_format":
      put("format", issue.format);
      break;
    case "invalid_type":
      put("expected", issue.expected);
      break;
    case "invalid_value":
      put("values", issue.values);
      break;
    case "unrecognized_keys":
      put("keys", issue.keys);
      break;
    case "custom":
      for (const [key, value] of Object.entries(issue.params ?? {})) put(key, value);
      break;
    default:
      break;
  }
  return out;
}
