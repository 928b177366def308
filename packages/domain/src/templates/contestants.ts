// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
// Per-election vote questions for the counting checklist.
import { err, type InputIssue, type Result } from "../common/result.ts";
import {
  type FormDefinition,
  type FormItem,
  findQuestion,
  type IntegerQuestion,
  type LocalizedText,
  safeParseFormDefinition,
} from "../forms/definition.ts";

export interface Contestant {
  /** Short code used in the question name `votes_<code>`: letters, digits, _. */
  readonly code: string;
  readonly name: LocalizedText;
}

const votesLabelEn = (n: string): string => `Votes for ${n}`;
const VOTES_LABEL: Readonly<Record<string, (name: string) => string>> = {
  en: votesLabelEn,
  ru: (n) => `Голосов за: ${n}`,
};

const SUM_MESSAGE_EN = "Votes for the contestants do not add up to the valid ballots";
const SUM_MESSAGE: Readonly<Record<string, string>> = {
  en: SUM_MESSAGE_EN,
  ru: "Сумма голосов за участников не равна числу действительных бюллетеней",
};

/** The name of a contestant's vote question. */
export function votesQuestionName(code: string): string {
  return `votes_${code}`;
}

/**
 * Appends one `votes_<code>` integer question per contestant (min 0, required)
 * to the counting form: inside its `protocol` group when there is one, else at
 * the end. Also adds the check `votes_sum_eq_valid`: the votes add up to
 * `protocol_valid` when the form has that question. The result keeps the
 * form's id and version; publish it through nextVersion.
 */
export function withContestants(
  countingForm: FormDefinition,
  contestants: readonly Contestant[],
): Result<FormDefinition, InputIssue[]> {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  contestants.forEach((c, i) => {
    if (!/^[A-Za-z0-9_]{1,40}$/.test(c.code))
      issues.push({
        path: ["contestants", i, "code"],
        code: "invalid_code",
        message: `'${c.code}' must be 1-40 letters, digits or _`,
      });
    if (seen.has(c.code))
      issues.push({
        path: ["contestants", i, "code"],
        code: "duplicate_code",
        message: `code '${c.code}' repeats`,
      });
    seen.add(c.code);
    if (c.name[countingForm.defaultLanguage] === undefined)
      issues.push({
        path: ["contestants", i, "name", countingForm.defaultLanguage],
        code: "missing_translation",
        message: `contestant '${c.code}' needs a name in ${countingForm.defaultLanguage}`,
      });
  });
  if (contestants.length === 0)
    issues.push({ path: ["contestants"], code: "empty", message: "no contestants" });
  if (issues.length > 0) return err(issues);

  const questions: IntegerQuestion[] = contestants.map((c) => {
    const label: Record<string, string> = {};
    for (const lang of countingForm.languages) {
      const name = c.name[lang] ?? c.name[countingForm.defaultLanguage] ?? c.code;
      label[lang] = (VOTES_LABEL[lang] ?? votesLabelEn)(name);
    }
    return { type: "integer", name: votesQuestionName(c.code), label, min: 0, required: true };
  });

  let placed = false;
  const items: FormItem[] = countingForm.items.map((item) => {
    if (!placed && item.type === "group" && item.name === "protocol") {
      placed = true;
      return { ...item, items: [...item.items, ...questions] };
    }
    return item;
  });
  if (!placed) items.push(...questions);

  const hasValid = findQuestion(countingForm, "protocol_valid") !== undefined;
  const sumMessage: Record<string, string> = {};
  for (const lang of countingForm.languages) sumMessage[lang] = SUM_MESSAGE[lang] ?? SUM_MESSAGE_EN;
  const checks = hasValid
    ? [
        ...countingForm.checks.filter((c) => c.id !== "votes_sum_eq_valid"),
        {
          id: "votes_sum_eq_valid",
          expression: `${questions.map((q) => `\${${q.name}}`).join(" + ")} = \${protocol_valid}`,
          message: sumMessage,
        },
      ]
    : countingForm.checks;

  // Re-check the whole form: a code may collide with an existing question name.
  return safeParseFormDefinition({ ...countingForm, items, checks });
}
