// Indicator definitions: what a mission measures, declared over form questions (see
// apps/server/src/analysis/definitions.ts for how they are compiled and evaluated).
import {
  type Expr,
  type ExpressionError,
  err,
  indicatorReferences,
  ok,
  parseExpression,
  type Result,
} from "@scrutiny/domain";
import { z } from "zod";

const QuestionName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "a question name");
export const IndicatorCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, - and _ (at most 64)");
const LocalizedText = z.record(z.string().min(2).max(8), z.string().min(1).max(300));

const Common = {
  name: LocalizedText.refine((n) => Object.keys(n).length > 0, "at least one language"),
  /** Which units the indicator counts: polling stations (visits combined) or visits. */
  unit: z.enum(["station", "visit"]),
  /** Reports on forms of this kind only (opening, voting, counting, incident, ...). */
  formKind: z.string().min(1).max(64),
  /** Phases counted; null or absent: every phase. */
  phases: z.array(z.string().min(1).max(64)).max(50).nullable().default(null),
};

/** The 4-point scale of an assessment question, best first, and the first value that counts as bad. */
export const AssessmentScale = z.object({
  question: QuestionName,
  scale: z.array(z.string().min(1)).min(2).max(10),
  cut: z.string().min(1),
});

export const IndicatorDefinition = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("share"),
    ...Common,
    /** Boolean expression in the form expression language, e.g. `${ballot_box_sealed} = 'no'`. */
    condition: z.string().min(1).max(2000),
    /** Set on assessment indicators: gives observer effects and a severity-adjusted value. */
    assessment: AssessmentScale.nullable().default(null),
  }),
  z.object({ kind: z.literal("mean"), ...Common, question: QuestionName }),
  z.object({ kind: z.literal("median"), ...Common, question: QuestionName }),
  z.object({
    kind: z.literal("incidents"),
    ...Common,
    /** The select question that holds the category. */
    question: QuestionName,
  }),
]);
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

/** A mapping of one indicator per mission, for missions side by side. */
export const IndicatorMatch = z.object({
  name: LocalizedText,
  /** missionId -> indicator code. */
  members: z.record(z.uuid(), IndicatorCode),
});
export type IndicatorMatch = z.infer<typeof IndicatorMatch>;

export interface Indicator {
  readonly code: string;
  readonly version: number;
  readonly definition: IndicatorDefinition;
}

/** A parsed indicator, ready to evaluate. */
export interface CompiledIndicator extends Indicator {
  /** The condition's syntax tree (share indicators). */
  readonly condition: Expr | null;
  /** Every question the indicator reads (top-level answers: a repeat, not what is inside it). */
  readonly questions: readonly string[];
  /**
   * The questions whose answer puts a report in a share's denominator; empty when every report of
   * the form kind counts (conditions over instances and attachments: none is an answer too).
   */
  readonly answeredBy: readonly string[];
}

export interface DefinitionIssue {
  readonly path: string;
  readonly message: string;
  /** The parser's error when the condition does not parse (for a message in the reader's terms). */
  readonly expression?: ExpressionError;
}

/**
 * Parses an indicator's expression and checks it agrees with its assessment scale. The server
 * (before saving, and before evaluating) and the web's editor (before sending) both run it.
 */
export function compileIndicator(indicator: Indicator): Result<CompiledIndicator, DefinitionIssue> {
  const d = indicator.definition;
  if (d.kind === "share") {
    const parsed = parseExpression(d.condition, { indicator: true });
    if (!parsed.ok)
      return err({
        path: "condition",
        message: `${parsed.error.message} (at character ${parsed.error.offset})`,
        expression: parsed.error,
      });
    const read = indicatorReferences(parsed.value);
    const questions = [...read.questions];
    const answeredBy = [...read.answeredBy];
    if (questions.length === 0) return err({ path: "condition", message: "the condition reads no answer" });
    if (d.assessment !== null) {
      if (!d.assessment.scale.includes(d.assessment.cut))
        return err({ path: "assessment.cut", message: "the cut must be a value of the scale" });
      if (!questions.includes(d.assessment.question)) questions.push(d.assessment.question);
    }
    return ok({ ...indicator, condition: parsed.value, questions, answeredBy });
  }
  return ok({ ...indicator, condition: null, questions: [d.question], answeredBy: [d.question] });
}
