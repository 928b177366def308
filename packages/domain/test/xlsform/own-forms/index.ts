import { countingForms } from "./counting.ts";
import { electionDayForms } from "./election-day.ts";
import { incidentForms } from "./incidents.ts";
import type { OwnForm } from "./kit.ts";
import { structureForms } from "./structure.ts";

export * from "./kit.ts";
/** Every workbook of our own, written to real .xlsx bytes by writeXlsx in the test. */
export const OWN_FORMS: readonly OwnForm[] = [
  ...electionDayForms,
  ...incidentForms,
  ...countingForms,
  ...structureForms,
];
