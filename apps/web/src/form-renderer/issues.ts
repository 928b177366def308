import {
  answerPath,
  checkSubmission,
  type FormDefinition,
  type InputIssue,
  type Question,
} from "@scrutiny/domain";
import { pickText } from "../forms/formText.ts";
import type { RendererMessages } from "./messages.ts";

/** What the server's validation would say about these answers, by answer path (first issue each). */
export interface LiveCheck {
  readonly byQuestion: ReadonlyMap<string, InputIssue>;
  /** Every issue; a form may be sent only when this is empty. */
  readonly issues: readonly InputIssue[];
  /** Data-quality checks that are raised (shown as warnings; they do not block sending). */
  readonly flags: readonly { checkId: string; message: string; params?: Record<string, string | number> }[];
  /** What skip logic hides, by answer path (the domain's own rule). */
  readonly skipped: ReadonlySet<string>;
  /** Choices each cascading select offers now, by answer path. */
  readonly offered: ReadonlyMap<string, readonly string[]>;
  /** Instances each repeat with a repeat_count asks for, by answer path. */
  readonly instancesExpected: ReadonlyMap<string, number>;
  /** Questions that must be answered now (`required`, or a `requiredWhen` that is true), by answer path. */
  readonly required: ReadonlySet<string>;
}

/**
 * Runs the domain's own validation (the same code the server runs on arrival) so the observer
 * sees exactly the problems the server would reject. `required` is held back until the observer
 * tries to send, so an empty form is not a wall of red.
 */
export function liveCheck(
  form: FormDefinition,
  answers: Readonly<Record<string, unknown>>,
  language: string,
  showRequired: boolean,
): LiveCheck {
  const report = checkSubmission(form, answers, { language });
  const byQuestion = new Map<string, InputIssue>();
  for (const issue of report.issues) {
    if (issue.path === undefined || issue.path.length < 2) continue;
    const name = answerPath(issue.path.slice(1));
    if (byQuestion.has(name)) continue;
    if (issue.code === "required" && !showRequired) continue;
    byQuestion.set(name, issue);
  }
  return {
    byQuestion,
    issues: report.issues,
    flags: report.flags,
    skipped: report.skipped,
    offered: report.offered,
    instancesExpected: report.instancesExpected,
    required: report.required,
  };
}

/** An issue in the observer's words. */
export function issueText(
  issue: InputIssue,
  question: Question,
  form: FormDefinition,
  language: string,
  messages: RendererMessages,
): string {
  switch (issue.code) {
    case "required":
      return messages.requiredMissing;
    case "below_min":
      return messages.belowMin("min" in question ? question.min : undefined);
    case "above_max":
      return messages.aboveMax("max" in question ? question.max : undefined);
    case "not_integer":
      return messages.notInteger;
    case "too_long":
      return messages.tooLong;
    case "constraint":
      return pickText(question.constraintMessage, language, form)?.text ?? messages.constraint;
    default:
      return messages.other;
  }
}
