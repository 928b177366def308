// Scrutiny expressions as XPath 1.0 for XForms: `${name}` becomes the question's absolute path
// in the instance, everything else is already XPath (the language is an XPath subset), written
// back from the syntax tree with full parentheses so precedence cannot change on the way.
import type { Expr } from "../expressions/ast.ts";

/** An XPath string literal; XPath 1.0 has no escapes, so text with both quotes uses concat(). */
export function xpathString(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return `concat(${value
    .split("'")
    .map((part) => `'${part}'`)
    .join(`, "'", `)})`;
}

export function toXPath(expr: Expr, pathOf: (name: string) => string): string {
  switch (expr.kind) {
    case "number":
      return String(expr.value);
    case "string":
      return xpathString(expr.value);
    case "ref":
      return pathOf(expr.name);
    case "current":
      return ".";
    case "parent":
      return "..";
    case "field":
      // Choice filters: a property of the choice, a relative name in the itemset predicate.
      return expr.name;
    case "negate":
      return `-(${toXPath(expr.operand, pathOf)})`;
    case "binary":
      return `(${toXPath(expr.left, pathOf)} ${expr.op} ${toXPath(expr.right, pathOf)})`;
    case "call":
      return `${expr.name}(${expr.args.map((arg) => toXPath(arg, pathOf)).join(", ")})`;
  }
}
