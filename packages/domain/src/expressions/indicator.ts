// What an indicator condition reads from a report. Inside any-instance() and count-instances()
// the `${name}`s are a repeat instance's own answers, not the report's; and a question read only
// for whether it is there (has-attachment, or a repeat counted) does not make a report "answered":
// a report without a photo, or with no incident, is an answer to such a condition (no), not a gap.
import type { Expr } from "./ast.ts";

export interface IndicatorReferences {
  /** Top-level answers the condition reads (to fetch from each report). */
  readonly questions: readonly string[];
  /**
   * The answers whose presence makes a report count in a share's denominator; empty when every
   * report of the form counts (the condition reads only presence and instances).
   */
  readonly answeredBy: readonly string[];
}

const INSTANCE_FUNCTIONS = new Set(["any-instance", "count-instances"]);

export function indicatorReferences(expr: Expr): IndicatorReferences {
  const questions: string[] = [];
  const answeredBy: string[] = [];
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case "ref":
        add(questions, e.name);
        add(answeredBy, e.name);
        return;
      case "negate":
        visit(e.operand);
        return;
      case "binary":
        visit(e.left);
        visit(e.right);
        return;
      case "call": {
        const [first] = e.args;
        if ((INSTANCE_FUNCTIONS.has(e.name) || e.name === "has-attachment") && first?.kind === "ref") {
          // The instance condition (second argument) reads inside each instance.
          add(questions, first.name);
          return;
        }
        for (const a of e.args) visit(a);
        return;
      }
      default:
        return;
    }
  };
  visit(expr);
  return { questions, answeredBy };
}
