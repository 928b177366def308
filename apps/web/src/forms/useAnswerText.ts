import { useCallback } from "react";
import { useForms } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";
import { answerText, formLanguage, questionIndex } from "./formText.ts";

/**
 * Shows a stored answer of one of the election's forms as the reader should see it (a choice by
 * its label in the page's language, a number formatted); as stored while the forms load or when
 * the form no longer has the question.
 */
export function useAnswerText(
  electionId: string,
): (formId: string, question: string, answer: unknown) => string {
  const forms = useForms(electionId);
  const format = useFormat();
  return useCallback(
    (formId, question, answer) => {
      const form = forms.data?.find((f) => f.formId === formId)?.definition;
      const found = form === undefined ? undefined : questionIndex(form).get(question);
      const text =
        form === undefined || found === undefined
          ? undefined
          : answerText(form, found.question, answer, formLanguage(form, format.language), format.number);
      return text ?? (typeof answer === "string" ? answer : JSON.stringify(answer));
    },
    [forms.data, format],
  );
}
