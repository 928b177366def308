// The answers an indicator of a mission may name: the questions and repeats of the election's
// forms of its form kind that the mission reports on (shared forms and its own). The server
// refuses an indicator naming anything else, and the web's editor lists these to choose from.
import { type FormDefinition, walkItems } from "./definition.ts";

export interface IndicatorForm {
  readonly kind: string;
  /** null: a form shared by every mission of the election. */
  readonly missionId: string | null;
  readonly definition: Pick<FormDefinition, "items">;
}

/** Question and repeat names (not notes or groups) of the mission's forms of `formKind`. */
export function indicatorQuestionNames(
  forms: readonly IndicatorForm[],
  formKind: string,
  missionId: string,
): Set<string> {
  const names = new Set<string>();
  for (const form of forms) {
    if (form.kind !== formKind || (form.missionId !== null && form.missionId !== missionId)) continue;
    walkItems(form.definition.items, (item) => {
      if (item.type !== "note" && item.type !== "group") names.add(item.name);
    });
  }
  return names;
}
