// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import { checkSubmission, type FormDefinition, safeParseFormDefinition } from "../../src/forms/index.ts";

// A count-centre form of our own: a group hidden by an earlier answer, a note with its own
// condition inside a group, and a later question that reads a hidden one (which counts as empty).
const parsed = safeParseFormDefinition({
  id: "count-centre",
  version: 3,
  kind: "counting",
  title: { fr: "Centre de dépouillement" },
  languages: ["fr"],
  defaultLanguage: "fr",
  choiceLists: {
    yn: [
      { name: "oui", label: { fr: "Oui" } },
      { name: "non", label: { fr: "Non" } },
    ],
  },
  items: [
    { type: "select_one", name: "ouvert", listName: "yn", label: { fr: "Ouvert ?" } },
    {
      type: "group",
      name: "urnes",
      label: { fr: "Urnes" },
      relevant: "${ouvert} = 'oui'",
      items: [
        { type: "integer", name: "nb_urnes", label: { fr: "Nombre d'urnes" } },
        { type: "note", name: "rappel", label: { fr: "Plus de dix urnes" }, relevant: "${nb_urnes} > 10" },
      ],
    },
    { type: "text", name: "pourquoi", label: { fr: "Pourquoi ?" }, relevant: "${ouvert} = 'non'" },
    { type: "text", name: "suite", label: { fr: "Suite" }, relevant: "${nb_urnes} > 0" },
  ],
  checks: [],
});

function form(): FormDefinition {
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}
const skipped = (answers: Record<string, unknown>) => [...checkSubmission(form(), answers).skipped].sort();

describe("checkSubmission: what skip logic hides", () => {
  it("lists hidden groups, notes and questions in document order", () => {
    expect(skipped({})).toEqual(["nb_urnes", "pourquoi", "rappel", "suite", "urnes"]);
    expect(skipped({ ouvert: "oui", nb_urnes: 12 })).toEqual(["pourquoi"]);
    expect(skipped({ ouvert: "oui", nb_urnes: 3 })).toEqual(["pourquoi", "rappel"]);
  });

  it("treats an answer hidden by skip logic as empty for later conditions", () => {
    // nb_urnes is inside the hidden group, so `suite` (which reads it) is hidden too.
    expect(skipped({ ouvert: "non", nb_urnes: 12 })).toEqual(["nb_urnes", "rappel", "suite", "urnes"]);
  });

  it("does not hide what depends on an invalid answer (relevance unknown)", () => {
    expect(skipped({ ouvert: "oui", nb_urnes: "beaucoup" })).toEqual(["pourquoi"]);
  });
});

// A repeat (one instance per incident) with skip logic inside, and a cascading select.
const incidents = safeParseFormDefinition({
  id: "incidents-cascade",
  version: 1,
  kind: "incident",
  title: { pt: "Incidentes" },
  languages: ["pt"],
  defaultLanguage: "pt",
  choiceLists: {
    provincia: [
      { name: "maputo", label: { pt: "Maputo" } },
      { name: "sofala", label: { pt: "Sofala" } },
    ],
    distrito: [
      { name: "kamubukwana", label: { pt: "KaMubukwana" }, properties: { provincia: "maputo" } },
      { name: "kamavota", label: { pt: "KaMavota" }, properties: { provincia: "maputo" } },
      { name: "beira", label: { pt: "Beira" }, properties: { provincia: "sofala" } },
    ],
    tipo: [
      { name: "violencia", label: { pt: "Violência" } },
      { name: "outro", label: { pt: "Outro" } },
    ],
  },
  items: [
    { type: "select_one", name: "provincia", listName: "provincia", label: { pt: "Província" } },
    {
      type: "select_one",
      name: "distrito",
      listName: "distrito",
      label: { pt: "Distrito" },
      choiceFilter: "provincia = ${provincia}",
    },
    {
      type: "repeat",
      name: "ocorrencias",
      label: { pt: "Ocorrência" },
      items: [
        { type: "select_one", name: "tipo", listName: "tipo", label: { pt: "Tipo" } },
        { type: "text", name: "descricao", label: { pt: "Descrição" }, relevant: "${tipo} = 'outro'" },
      ],
    },
  ],
  checks: [],
});

describe("checkSubmission: what a renderer needs inside repeats and cascades", () => {
  const definition = () => {
    if (!incidents.ok) throw new Error(JSON.stringify(incidents.error));
    return incidents.value;
  };

  it("names skipped items inside each repeat instance by its path", () => {
    const report = checkSubmission(definition(), {
      ocorrencias: [{ tipo: "violencia" }, { tipo: "outro", descricao: "urna levada" }, {}],
    });
    expect([...report.skipped].sort()).toEqual(["ocorrencias/0/descricao", "ocorrencias/2/descricao"]);
  });

  it("offers the choices of a cascading select that its filter keeps for the earlier answers", () => {
    expect(checkSubmission(definition(), { provincia: "maputo" }).offered.get("distrito")).toEqual([
      "kamubukwana",
      "kamavota",
    ]);
    expect(checkSubmission(definition(), { provincia: "sofala" }).offered.get("distrito")).toEqual(["beira"]);
    expect(checkSubmission(definition(), {}).offered.get("distrito")).toEqual([]);
    const refused = checkSubmission(definition(), { provincia: "sofala", distrito: "kamavota" });
    expect(refused.issues.map((i) => [i.path, i.code])).toEqual([
      [["answers", "distrito"], "filtered_choice"],
    ]);
  });
});
