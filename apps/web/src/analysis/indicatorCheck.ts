// The indicator editor's checks in the browser: the same schemas as the server (the contract's
// IndicatorCode and IndicatorDefinition), the same expression parser (the domain's), and the
// questions of the forms the indicator reads, so a mistake is named before anything is sent.
import { IndicatorCode, IndicatorDefinition } from "@scrutiny/contract";
import { indicatorReferences, parseExpression } from "@scrutiny/domain";

export type IndicatorProblem =
  | { readonly kind: "code" }
  | { readonly kind: "invalid"; readonly path: string; readonly message: string }
  | { readonly kind: "syntax"; readonly message: string; readonly offset: number }
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
    for (const issue of parsed.error.issues)
      problems.push({ kind: "invalid", path: issue.path.join("."), message: issue.message });
    return problems;
  }
  const definition = parsed.data;
  let named: string[] = [];
  if (definition.kind === "share") {
    const expression = parseExpression(definition.condition, { indicator: true });
    if (!expression.ok) {
      problems.push({ kind: "syntax", message: expression.error.message, offset: expression.error.offset });
      return problems;
    }
    named = [...indicatorReferences(expression.value).questions];
  } else {
    named = [definition.question];
  }
  for (const name of named) if (!questions.has(name)) problems.push({ kind: "unknown-question", name });
  return problems;
}
