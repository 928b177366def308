// The expression language of form skip logic (`relevant`), constraints, critical
// conditions and data-quality checks: an XLSForm/XPath-compatible subset.
//
// Every node records `offset`, the index of its first character in the source,
// so that errors found after parsing (unknown question, `.` where no current
// answer exists) can still point at the place in the text.

export type BinaryOperator =
  | "or"
  | "and"
  | "="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "+"
  | "-"
  | "*"
  | "div"
  | "mod";

export type Expr =
  | { readonly kind: "number"; readonly offset: number; readonly value: number }
  | { readonly kind: "string"; readonly offset: number; readonly value: string }
  /** `${name}`: the answer to another question. */
  | { readonly kind: "ref"; readonly offset: number; readonly name: string }
  /** `.`: the answer to the question the expression belongs to (constraints only). */
  | { readonly kind: "current"; readonly offset: number }
  /** `..`: the enclosing repeat instance, only as `position(..)`. */
  | { readonly kind: "parent"; readonly offset: number }
  /** In choice filters, a bare name: a property (column) of the choice being filtered. */
  | { readonly kind: "field"; readonly offset: number; readonly name: string }
  | { readonly kind: "negate"; readonly offset: number; readonly operand: Expr }
  | {
      readonly kind: "binary";
      readonly offset: number;
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
    }
  | { readonly kind: "call"; readonly offset: number; readonly name: string; readonly args: readonly Expr[] };

/** A parse error, located by character offset (0-based) in the source text. */
export interface ExpressionError {
  readonly code:
    | "unexpected_character"
    | "unterminated_string"
    | "unexpected_token"
    | "unknown_function"
    | "arity"
    | "bad_reference"
    | "bad_regex";
  readonly offset: number;
  readonly message: string;
}

/** Names referenced with `${name}`, in order of first appearance, without duplicates. */
export function references(expr: Expr): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case "ref":
        if (!seen.has(e.name)) {
          seen.add(e.name);
          out.push(e.name);
        }
        return;
      case "negate":
        visit(e.operand);
        return;
      case "binary":
        visit(e.left);
        visit(e.right);
        return;
      case "call":
        for (const a of e.args) visit(a);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return out;
}

/** Offsets of every `.` (current answer) in the expression. */
export function currentOffsets(expr: Expr): number[] {
  const out: number[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === "current") out.push(e.offset);
    else if (e.kind === "negate") visit(e.operand);
    else if (e.kind === "binary") {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === "call") for (const a of e.args) visit(a);
  };
  visit(expr);
  return out;
}

/** Offsets of every `${name}` reference, for locating errors about a name. */
export function referenceOffsets(expr: Expr): { name: string; offset: number }[] {
  const out: { name: string; offset: number }[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === "ref") out.push({ name: e.name, offset: e.offset });
    else if (e.kind === "negate") visit(e.operand);
    else if (e.kind === "binary") {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === "call") for (const a of e.args) visit(a);
  };
  visit(expr);
  return out;
}

/**
 * A caret-friendly rendering of an error: the source, then a caret under the
 * offending character, then the message.
 *
 *     ${a} = ‘yes’
 *            ^ unexpected character '‘' at offset 7: use straight quotes ' or "
 */
export function formatExpressionError(source: string, error: ExpressionError): string {
  const offset = Math.max(0, Math.min(error.offset, source.length));
  return `${source}\n${" ".repeat(offset)}^ ${error.message}`;
}
