import { createHash } from "node:crypto";
import {
  contentHash,
  type FormDefinition,
  type FormItem,
  formTemplates,
  withContestants,
} from "@scrutiny/domain";
import type { NewForm } from "@scrutiny/store";

/** A stable UUID (v4 layout) derived from a name, so that demo form ids are reproducible. */
export function uuidFromName(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The demo election's forms: the checklist templates, with the counting form carrying one
 * `votes_C<n>` question per ballot position. Constituencies have 3 to `maxPositions` candidates,
 * so positions past `minPositions` are optional (the line is absent where nobody stands).
 */
export interface DemoForm extends NewForm {
  readonly definition: FormDefinition;
}

export function demoForms(electionId: string, minPositions: number, maxPositions: number): DemoForm[] {
  return formTemplates.map((template) => {
    const id = uuidFromName(`${electionId}/form/${template.kind}`);
    let definition: FormDefinition = { ...template, id, version: 1 };
    if (template.kind === "counting") {
      const positions = Array.from({ length: maxPositions }, (_, index) => ({
        code: `C${index + 1}`,
        name: {
          en: `the candidate in ballot position ${index + 1}`,
          ru: `кандидата № ${index + 1} в бюллетене`,
        },
      }));
      const withVotes = withContestants(definition, positions);
      if (!withVotes.ok)
        throw new Error(`counting form: ${withVotes.error[0]?.message ?? "invalid contestants"}`);
      definition = { ...withVotes.value, items: optionalPastPosition(withVotes.value.items, minPositions) };
    }
    return {
      id,
      electionId,
      missionId: null,
      code: template.kind,
      kind: template.kind,
      definition,
      contentHash: contentHash(definition),
    };
  });
}

function optionalPastPosition(items: readonly FormItem[], minPositions: number): FormItem[] {
  return items.map((item) => {
    if (item.type === "group") return { ...item, items: optionalPastPosition(item.items, minPositions) };
    const position = /^votes_C(\d+)$/.exec(item.name)?.[1];
    if (item.type === "integer" && position !== undefined && Number(position) > minPositions) {
      return { ...item, required: false };
    }
    return item;
  });
}
