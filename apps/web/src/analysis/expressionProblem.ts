// A parse error of the expression language in the reader's terms: what is wrong (an unclosed
// reference, a curly quote, a function that does not exist) as a catalogue key with its values,
// read from the parser's error code and the text at its offset, instead of the parser's own
// English ("unclosed reference starting at offset 0").
import { type ExpressionError, FUNCTIONS, INDICATOR_FUNCTIONS } from "@scrutiny/domain";

export interface ExpressionProblem {
  /** Key under analysis.problems.syntax. */
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
}

const NAME_AT = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function nameAt(source: string, offset: number): string {
  return NAME_AT.exec(source.slice(offset))?.[0] ?? "";
}

/** The token at the offset as written: a word, a quoted text, or one or two characters. */
function writtenAt(source: string, offset: number): string {
  const rest = source.slice(offset);
  const word = NAME_AT.exec(rest)?.[0];
  if (word !== undefined) return word;
  const quote = rest.charAt(0);
  if (quote === "'" || quote === '"') {
    const close = rest.indexOf(quote, 1);
    if (close > 0) return rest.slice(0, close + 1);
  }
  const two = rest.slice(0, 2);
  if (["!=", "<=", ">=", ".."].includes(two)) return two;
  return /^\$\{[^}]*\}/.exec(rest)?.[0] ?? rest.charAt(0);
}

const count = (source: string, char: string) => source.split(char).length - 1;

export function expressionProblem(source: string, error: ExpressionError): ExpressionProblem {
  const at = error.offset;
  const char = source.charAt(at);
  switch (error.code) {
    case "unterminated_string":
      return { key: "unclosedString", values: { quote: char } };
    case "bad_reference": {
      if (char !== "$") return { key: "instanceArgument", values: {} };
      if (source.charAt(at + 1) !== "{") return { key: "dollar", values: {} };
      const close = source.indexOf("}", at + 2);
      if (close < 0) return { key: "unclosedReference", values: { text: source.slice(at, at + 24) } };
      return { key: "badName", values: { name: source.slice(at + 2, close).trim() } };
    }
    case "unexpected_character":
      if ("‘’“”".includes(char)) return { key: "curlyQuote", values: { char } };
      if ("/@[|".includes(char)) return { key: "path", values: { char } };
      if (char === "!") return { key: "bang", values: {} };
      return { key: "character", values: { char } };
    case "unknown_function":
      return { key: "unknownFunction", values: { name: nameAt(source, at) } };
    case "arity": {
      const name = nameAt(source, at);
      const [min, max] = FUNCTIONS[name] ?? INDICATOR_FUNCTIONS[name] ?? [0, 0];
      if (min === max) return { key: "arityExact", values: { name, number: min } };
      if (max >= 64) return { key: "arityAtLeast", values: { name, number: min } };
      return { key: "arityRange", values: { name, min, max } };
    }
    case "bad_regex":
      return { key: "regex", values: {} };
    case "unexpected_token": {
      if (source.slice(at).trim() === "")
        return count(source, "(") > count(source, ")")
          ? { key: "unclosedBracket", values: {} }
          : { key: "endsEarly", values: {} };
      if (source.startsWith("..", at)) return { key: "parent", values: {} };
      const word = nameAt(source, at);
      const after = source.slice(at + word.length).trimStart();
      if (word !== "" && !after.startsWith("(") && !["and", "or", "div", "mod"].includes(word))
        return { key: "bareName", values: { name: word, reference: `\${${word}}` } };
      return { key: "unexpected", values: { found: writtenAt(source, at) } };
    }
  }
}
