import {
  choicesOf,
  type FormDefinition,
  type Group,
  isQuestion,
  type LocalizedText,
  parseExpression,
  type Question,
  references,
  walkItems,
} from "@scrutiny/domain";

/** A form's text in one language: that language, else the form's default, else any. */
export interface PickedText {
  readonly text: string;
  /** The language the text is really in. */
  readonly lang: string;
  /** True when the wanted language had no text and another was used. */
  readonly fallback: boolean;
}

export function pickText(
  text: LocalizedText | undefined,
  language: string,
  form: Pick<FormDefinition, "defaultLanguage">,
): PickedText | undefined {
  if (text === undefined) return undefined;
  const own = text[language];
  if (own !== undefined && own !== "") return { text: own, lang: language, fallback: false };
  for (const lang of [form.defaultLanguage, ...Object.keys(text)]) {
    const value = text[lang];
    if (value !== undefined && value !== "") return { text: value, lang, fallback: true };
  }
  return undefined;
}

/** The language to show a form in: the UI language when the form has it, else its default. */
export function formLanguage(
  form: Pick<FormDefinition, "languages" | "defaultLanguage">,
  ui: string,
): string {
  return form.languages.includes(ui) ? ui : form.defaultLanguage;
}

/** Questions by name, each with the groups around it (outermost first). */
export function questionIndex(form: FormDefinition): Map<string, { question: Question; groups: Group[] }> {
  const index = new Map<string, { question: Question; groups: Group[] }>();
  walkItems(form.items, (item, _path, groups) => {
    if (isQuestion(item))
      index.set(item.name, {
        question: item,
        groups: groups.filter((g): g is Group => g.type === "group"),
      });
  });
  return index;
}

export function questionCount(form: FormDefinition): number {
  let count = 0;
  walkItems(form.items, (item) => {
    if (isQuestion(item)) count += 1;
  });
  return count;
}

function isUnanswered(value: unknown): boolean {
  return (
    value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * An answer as the reader should see it: choice labels in the language, numbers and text as
 * they are. Values the form does not know (an old choice name) are shown as stored.
 */
export function answerText(
  form: FormDefinition,
  question: Question,
  value: unknown,
  language: string,
  formatNumber: (value: number) => string,
): string | undefined {
  if (isUnanswered(value)) return undefined;
  const choices = choicesOf(form, question);
  const choiceLabel = (name: string) =>
    pickText(choices.find((choice) => choice.name === name)?.label, language, form)?.text ?? name;
  if (Array.isArray(value)) return value.map((name) => choiceLabel(String(name))).join(", ");
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return choices.length > 0 ? choiceLabel(value) : value;
  return JSON.stringify(value);
}

export function sameAnswer(a: unknown, b: unknown): boolean {
  if (isUnanswered(a) && isUnanswered(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Question names a data-quality check reads, so a flag can point at the answers behind it. */
export function checkReferences(form: FormDefinition, checkId: string): string[] {
  const check = form.checks.find((candidate) => candidate.id === checkId);
  if (check === undefined) return [];
  const parsed = parseExpression(check.expression);
  return parsed.ok ? references(parsed.value) : [];
}

/** The label of one choice as the forms of a kind name it (the domain's rule, shared with exports). */
export { choiceLabel } from "@scrutiny/domain";
