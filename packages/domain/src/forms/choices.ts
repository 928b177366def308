// Ready-made choice lists for the two built-in scales, in English and Russian.
import type { Choice } from "./definition.ts";

export const yesNoChoices: readonly Choice[] = [
  { name: "yes", label: { en: "Yes", ru: "Да" } },
  { name: "no", label: { en: "No", ru: "Нет" } },
];

/** The 4-point assessment scale used by international observer missions, best first. */
export const assessmentChoices: readonly Choice[] = [
  { name: "very_good", label: { en: "Very good", ru: "Очень хорошо" } },
  { name: "good", label: { en: "Good", ru: "Хорошо" } },
  { name: "bad", label: { en: "Bad", ru: "Плохо" } },
  { name: "very_bad", label: { en: "Very bad", ru: "Очень плохо" } },
];

/** Negative assessments ("bad", "very_bad"), the numerator of the usual "assessed negatively" indicator. */
export const NEGATIVE_ASSESSMENTS: readonly string[] = ["bad", "very_bad"];
