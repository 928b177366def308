// The indicator editor's checks in the browser: the same schemas as the server (the contract's
// IndicatorCode and IndicatorDefinition), the same compilation (the contract's compileIndicator,
// over the domain's parser), and the same questions (the domain's indicatorQuestionNames of the
// forms it counts), so a mistake is named before anything is sent.
import { compileIndicator, IndicatorCode, IndicatorDefinition } from "@scrutiny/contract";
import type { ExpressionError } from "@scrutiny/domain";

export type IndicatorProblem =
  | { readonly kind: "code" }
  | { readonly kind: "invalid"; readonly path: string }
  | { readonly kind: "syntax"; readonly source: string; readonly error: ExpressionError }
  | { readonly kind: "reads-nothing" }
  | { readonly kind: "unknown-question"; readonly name: string };

/** Problems of a draft indicator; empty when the server would accept it. */
export function checkIndicator(
  code: string,
  draft: unknown,
  questions: ReadonlySet<string>,
): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  if (!IndicatorCode.safeParse(code).success) problems.push({ kind: "code" });
  const parsed = IndicatorDefinition.safeParse(draft);
  if (!parsed.success) {
    const paths = new Set(parsed.error.issues.map((issue) => issue.path.join(".")));
    for (const path of paths) problems.push({ kind: "invalid", path });
    return problems;
  }
  const definition = parsed.data;
  const compiled = compileIndicator({ code, version: 0, definition });
  if (!compiled.ok) {
    const { expression } = compiled.error;
    if (expression !== undefined && definition.kind === "share")
      problems.push({ kind: "syntax", source: definition.condition, error: expression });
    else if (compiled.error.path === "condition") problems.push({ kind: "reads-nothing" });
    else problems.push({ kind: "invalid", path: compiled.error.path });
    return problems;
  }
  for (const name of compiled.value.questions)
    if (!questions.has(name)) problems.push({ kind: "unknown-question", name });
  return problems;
}
