// Two forms of our own for the incident inbox's tests: an incident form (every report is an
// incident) and an opening checklist whose one question raises a critical flag on "no".
import { contentHash, type FormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";

export const incidentFormId = "00000000-0000-4000-8000-0000000001a1";
export const openingFormId = "00000000-0000-4000-8000-0000000001a2";

const yesNo = [
  { name: "yes", label: { en: "Yes" } },
  { name: "no", label: { en: "No" } },
];

/** An incident form of our own: a category and a description. */
export const incidentForm = {
  id: incidentFormId,
  version: 1,
  kind: "incident",
  title: { en: "Incident at the station" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {
    category: [
      { name: "campaigning", label: { en: "Campaigning inside" } },
      { name: "pressure", label: { en: "Pressure on voters" } },
    ],
  },
  items: [
    { type: "select_one", name: "category", label: { en: "Category" }, listName: "category", required: true },
    { type: "text", name: "what_happened", label: { en: "What happened" }, required: true },
  ],
  checks: [],
} as unknown as FormDefinition;

/** An opening checklist whose question raises a critical flag when the answer is "no". */
export const openingForm = {
  id: openingFormId,
  version: 1,
  kind: "opening",
  title: { en: "Opening" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: { yes_no: yesNo },
  items: [
    {
      type: "yes_no",
      name: "observers_admitted",
      label: { en: "Were observers admitted?" },
      listName: "yes_no",
      required: true,
      critical: true,
      criticalWhen: ". = 'no'",
    },
  ],
  checks: [],
} as unknown as FormDefinition;

/** Adds both forms to an election as shared forms. */
export async function addIncidentForms(store: Store, electionId: string): Promise<void> {
  for (const form of [incidentForm, openingForm])
    await store.forms.create({
      id: form.id,
      electionId,
      missionId: null,
      code: form.kind,
      kind: form.kind,
      definition: form,
      contentHash: contentHash(form),
    });
}
