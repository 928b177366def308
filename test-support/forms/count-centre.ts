// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { safeParseFormDefinition } from "@scrutiny/domain";

const both = (en: string, pt: string) => ({ en, pt });
/**
 * A count-centre form of our own (Mozambique-like, English and Portuguese) that uses what real
 * XLSForms use: a cascading select, or_other, a slider, a confirmation, a date-time, a position,
 * a repeat added one by one with skip logic inside, and a repeat with repeat_count.
 */
export function countCentreForm(formId: string) {
  return safeParseFormDefinition({
    id: formId,
    version: 1,
    kind: "counting",
    title: both("Count centre", "Centro de apuramento"),
    languages: ["en", "pt"],
    defaultLanguage: "pt",
    choiceLists: {
      province: [
        { name: "maputo", label: both("Maputo", "Maputo") },
        { name: "sofala", label: both("Sofala", "Sofala") },
      ],
      district: [
        {
          name: "kamubukwana",
          label: both("KaMubukwana", "KaMubukwana"),
          properties: { province: "maputo" },
        },
        { name: "kamavota", label: both("KaMavota", "KaMavota"), properties: { province: "maputo" } },
        { name: "beira", label: both("Beira", "Beira"), properties: { province: "sofala" } },
      ],
      delay: [
        { name: "materials", label: both("Materials late", "Materiais atrasados") },
        { name: "staff", label: both("Staff absent", "Pessoal ausente") },
      ],
      kind: [
        { name: "violence", label: both("Violence", "Violência") },
        { name: "something_else", label: both("Something else", "Outra coisa") },
      ],
      yes_no: [
        { name: "yes", label: both("Yes", "Sim") },
        { name: "no", label: both("No", "Não") },
      ],
    },
    items: [
      { type: "select_one", name: "province", listName: "province", label: both("Province", "Província") },
      {
        type: "select_one",
        name: "district",
        listName: "district",
        label: both("District", "Distrito"),
        choiceFilter: "province = ${province}",
      },
      {
        type: "select_one",
        name: "delay_cause",
        listName: "delay",
        label: both("Why did the count start late?", "Porque começou tarde?"),
        orOther: true,
      },
      {
        type: "range",
        name: "calm",
        label: both("How calm was the count? (0 to 10)", "Quão calmo foi o apuramento?"),
        start: 0,
        end: 10,
        step: 1,
      },
      {
        type: "acknowledge",
        name: "sealed_seen",
        label: both("I saw the boxes sealed", "Vi as urnas seladas"),
      },
      { type: "datetime", name: "count_started", label: both("Count started at", "Início do apuramento") },
      { type: "geopoint", name: "where", label: both("Where is the count centre?", "Onde fica o centro?") },
      {
        type: "repeat",
        name: "incident",
        label: both("Incident", "Ocorrência"),
        items: [
          {
            type: "select_one",
            name: "incident_kind",
            listName: "kind",
            label: both("What happened?", "O que aconteceu?"),
          },
          {
            type: "text",
            name: "incident_text",
            label: both("Describe it", "Descreva"),
            relevant: "${incident_kind} = 'something_else'",
          },
        ],
      },
      {
        type: "integer",
        name: "boxes",
        label: both("How many ballot boxes?", "Quantas urnas?"),
        min: 0,
        max: 20,
      },
      {
        type: "repeat",
        name: "box",
        label: both("Ballot box", "Urna"),
        repeatCount: "${boxes}",
        items: [
          {
            type: "yes_no",
            name: "seal_intact",
            listName: "yes_no",
            label: both("Seal intact?", "Selo intacto?"),
          },
        ],
      },
    ],
    checks: [],
  });
}
