// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { type OwnForm, settings, survey, yesNo } from "./kit.ts";

/** Scoping, kept columns, warnings and located rejections. */
export const structureForms: readonly OwnForm[] = [
  {
    file: "names-per-group.xlsx",
    features: ["names_per_scope"],
    sheets: [
      survey(
        ["type", "name", "label"],
        ["begin group", "morning", "Morning"],
        ["integer", "queue", "Queue"],
        ["end group"],
        ["begin group", "evening", "Evening"],
        ["integer", "queue", "Queue"],
        ["end group"],
      ),
      settings(["form_id", "form_kind"], ["two-queues", "voting"]),
    ],
  },
  {
    file: "names-duplicate.xlsx",
    features: ["names_per_scope", "located_rejection"],
    sheets: [
      survey(
        ["type", "name", "label"],
        ["begin group", "inside", "Inside"],
        ["integer", "booths", "Booths"],
        ["text", "Booths", "Booths again"],
        ["end group"],
      ),
      settings(["form_id", "form_kind"], ["dupes", "voting"]),
    ],
  },
  {
    file: "names-in-repeat.xlsx",
    features: ["names_per_scope", "repeat"],
    sheets: [
      survey(
        ["type", "name", "label", "relevant"],
        ["integer", "count", "How many?", ""],
        ["begin repeat", "box", "Box", ""],
        ["integer", "count", "Ballots in this box", ""],
        ["text", "remark", "Remark", "${count} > 100"],
        ["end repeat", "", "", ""],
      ),
      settings(["form_id", "form_kind"], ["repeat-scope", "counting"]),
    ],
  },
  {
    file: "kept-columns.xlsx",
    features: ["kept_columns"],
    sheets: [
      survey(
        [
          "type",
          "name",
          "label",
          "appearance",
          "guidance_hint",
          "bind::odk:length",
          "body::accuracyThreshold",
          "instance::team",
        ],
        ["text", "remarks", "Remarks", "multiline", "Write what you saw", "0", "", "blue"],
        ["geopoint", "spot", "Spot", "maps", "", "", "15", ""],
      ),
      settings(
        ["form_id", "form_kind", "instance_name", "public_key", "style"],
        ["kept", "voting", "concat('report-', ${remarks})", "MIIBIjANBg", "pages"],
      ),
    ],
  },
  {
    file: "dropped-trigger.xlsx",
    features: ["warnings", "calculate"],
    sheets: [
      survey(
        ["type", "name", "label", "calculation", "trigger"],
        ["select_one yn", "recount", "Was there a recount?", "", ""],
        ["calculate", "recount_at", "", "now()", "${recount}"],
      ),
      yesNo(),
      settings(["form_id", "form_kind"], ["trigger", "counting"]),
    ],
  },
  {
    file: "curly-quotes.xlsx",
    features: ["warnings", "calculate"],
    sheets: [
      survey(
        ["type", "name", "label", "relevant", "calculation"],
        ["select_one yn", "complaint", "Was a complaint filed?", "", ""],
        ["text", "complaint_text", "What did it say?", "${complaint} = ‘yes’", ""],
        ["calculate", "complaint_mark", "", "", "if(${complaint} = “yes”, ‘C’, ‘-’)"],
      ),
      yesNo(),
      settings(["form_id", "form_kind"], ["curly", "voting"]),
    ],
  },
  {
    file: "unknown-reference.xlsx",
    features: ["located_rejection", "calculate"],
    sheets: [
      survey(
        ["type", "name", "label", "calculation"],
        ["integer", "a", "A", ""],
        ["calculate", "b", "", "${a} + ${nowhere}"],
      ),
      settings(["form_id", "form_kind"], ["unknown-ref", "counting"]),
    ],
  },
  {
    file: "missing-choices-file.xlsx",
    features: ["warnings", "select_from_file"],
    sheets: [
      survey(["type", "name", "label"], ["select_one_from_file parties.csv", "party", "Party"]),
      settings(["form_id", "form_kind"], ["no-file", "counting"]),
    ],
  },
  {
    file: "ward-lookup.xlsx",
    features: ["pulldata", "required_expression", "calculate"],
    sheets: [
      survey(
        ["type", "name", "label", "calculation", "constraint", "required"],
        ["text", "ward", "Ward code", "", "", "yes"],
        ["calculate", "voters", "", "pulldata('ward_roll', 'voters', 'code', ${ward})", "", ""],
        ["calculate", "seat", "", "pulldata('ward_roll', 'seat', 'code', ${ward})", "", ""],
        ["integer", "turnout", "Ballots in the box", "", ". <= ${voters}", ""],
        ["select_one yn", "queue", "Was anyone turned away?", "", "", "yes"],
        ["text", "queue_why", "Why were they turned away?", "", "", "${queue} = 'yes' and ${turnout} > 0"],
      ),
      yesNo(),
      settings(["form_id", "form_kind"], ["ward-lookup", "voting"]),
    ],
    files: {
      "ward_roll.csv": 'code,voters,seat\nW-03,1240,Tash-Komur\nW-07,918,"Naryn, north"\nW-11,377,At-Bashy\n',
    },
  },
];
