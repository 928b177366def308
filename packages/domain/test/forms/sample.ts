// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import type { FormDefinition } from "../../src/forms/index.ts";
import { assessmentChoices, yesNoChoices } from "../../src/forms/index.ts";

/** A small voting-style form exercising every question type. */
export const sampleForm: FormDefinition = {
  id: "sample",
  version: 1,
  kind: "voting",
  title: { en: "Sample", ru: "Образец" },
  languages: ["en", "ru"],
  defaultLanguage: "en",
  choiceLists: {
    yes_no: yesNoChoices,
    assessment: assessmentChoices,
    problems: [
      { name: "queue", label: { en: "Long queue", ru: "Очередь" } },
      { name: "crowding", label: { en: "Crowding", ru: "Теснота" } },
      { name: "secrecy", label: { en: "Secrecy", ru: "Тайна" } },
    ],
    staff: [
      { name: "chair", label: { en: "Chair" } },
      { name: "secretary", label: { en: "Secretary" } },
    ],
  },
  items: [
    { type: "note", name: "intro", label: { en: "Fill in at the station", ru: "Заполните на участке" } },
    { type: "time", name: "arrival_time", label: { en: "Arrival", ru: "Прибытие" }, required: true },
    {
      type: "yes_no",
      name: "ballot_box_sealed",
      listName: "yes_no",
      label: { en: "Sealed?", ru: "Опечатан?" },
      required: true,
      critical: true,
      criticalWhen: ". = 'no'",
    },
    {
      type: "group",
      name: "problems_group",
      label: { en: "Problems" },
      relevant: "${ballot_box_sealed} = 'yes'",
      items: [
        { type: "select_multiple", name: "problems", listName: "problems", label: { en: "Problems" } },
        {
          type: "integer",
          name: "queue_length",
          label: { en: "Queue length" },
          relevant: "selected(${problems}, 'queue')",
          required: true,
          min: 0,
          max: 5000,
        },
      ],
    },
    { type: "select_one", name: "informant", listName: "staff", label: { en: "Who informed you?" } },
    {
      type: "decimal",
      name: "turnout_pct",
      label: { en: "Turnout %" },
      min: 0,
      max: 100,
      constraint: ". <= 95 or ${informant} = 'chair'",
      constraintMessage: {
        en: "Over 95% needs the chair's word",
        ru: "Больше 95% — только со слов председателя",
      },
    },
    { type: "integer", name: "registered", label: { en: "Registered" }, min: 0 },
    { type: "integer", name: "ballots_cast", label: { en: "Ballots cast" }, min: 0 },
    { type: "text", name: "comments", label: { en: "Comments" } },
    { type: "date", name: "visit_date", label: { en: "Date" } },
    {
      type: "assessment",
      name: "overall_assessment",
      listName: "assessment",
      label: { en: "Overall", ru: "Общая" },
      required: true,
    },
  ],
  checks: [
    {
      id: "cast_le_registered",
      expression: "${ballots_cast} <= ${registered}",
      message: { en: "More ballots cast than registered voters", ru: "Бюллетеней больше, чем избирателей" },
    },
  ],
};
