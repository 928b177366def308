// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { choices, type OwnForm, settings, survey } from "./kit.ts";

const categories = choices(
  ["list_name", "name", "label"],
  ["category", "violence", "Violence"],
  ["category", "intimidation", "Intimidation"],
  ["category", "campaigning", "Campaigning near the station"],
);

/** Incident reports: one entry per incident, photos and recordings, positions inside repeats. */
export const incidentForms: readonly OwnForm[] = [
  {
    file: "incident-log.xlsx",
    features: ["repeat", "calculate", "image", "form_kind"],
    sheets: [
      survey(
        ["type", "name", "label", "required", "relevant", "calculation"],
        ["begin repeat", "incident", "Incident", "", "", ""],
        ["select_one category", "category", "What happened?", "yes", "", ""],
        ["text", "injured_detail", "Who was hurt?", "yes", "${category} = 'violence'", ""],
        ["image", "photo", "Photo of the scene", "", "", ""],
        ["end repeat", "", "", "", "", ""],
        ["calculate", "n_incidents", "", "", "", "count(${incident})"],
      ),
      categories,
      settings(["form_id", "form_kind"], ["incident-log", "incident"]),
    ],
  },
  {
    file: "incident-photo-alias.xlsx",
    features: ["image", "type_alias", "odk_functions"],
    sheets: [
      survey(
        ["type", "name", "label", "relevant", "calculation"],
        ["photo", "scene", "Photo", "", ""],
        ["add image prompt", "close_up", "Close-up", "${scene} != ''", ""],
        ["select_one category", "category", "Category", "", ""],
        ["calculate", "category_label", "", "", "jr:choice-name(${category}, '${category}')"],
      ),
      categories,
      settings(["form_id", "form_kind"], ["photo-alias", "incident"]),
    ],
  },
  {
    file: "incident-recordings.xlsx",
    features: ["audio", "file", "type_alias"],
    sheets: [
      survey(
        ["type", "name", "label"],
        ["audio", "statement", "Recorded statement"],
        ["add audio prompt", "ambient", "Sound at the station"],
        ["file", "complaint", "Written complaint (PDF)"],
      ),
      settings(["form_id", "form_kind"], ["recordings", "incident"]),
    ],
  },
  {
    file: "incident-positions.xlsx",
    features: ["repeat", "geopoint", "station_distance"],
    sheets: [
      survey(
        ["type", "name", "label", "max_distance"],
        ["begin_repeat", "sighting", "Sighting", ""],
        ["geopoint", "where", "Where?", 1000],
        ["text", "what", "What was seen?", ""],
        ["end_repeat", "", "", ""],
      ),
      settings(["form_id", "form_kind"], ["sightings", "incident"]),
    ],
  },
  {
    file: "incident-or-other.xlsx",
    features: ["or_other", "repeat"],
    sheets: [
      survey(
        ["type", "name", "label"],
        ["begin repeat", "incident", "Incident"],
        ["select_one category or_other", "category", "Category"],
        ["select_multiple category or_other", "actors", "Who was involved?"],
        ["end repeat"],
      ),
      categories,
      settings(["form_id", "form_kind"], ["incident-other", "incident"]),
    ],
  },
  {
    file: "incident-media-labels.xlsx",
    features: ["media_label", "note", "non_latin_language"],
    sheets: [
      survey(
        [
          "type",
          "name",
          "label::English (en)",
          "label::Кыргызча",
          "media::image::English (en)",
          "media::audio::Кыргызча",
        ],
        ["note", "how_to", "", "", "how-to-photograph.png", "how-to.mp3"],
        ["image", "protocol", "Protocol", "Протокол", "protocol-example.jpg", ""],
      ),
      settings(["form_id", "form_kind"], ["media-labels", "incident"]),
    ],
  },
  {
    file: "incident-barcode.xlsx",
    features: ["barcode", "datetime", "type_alias"],
    sheets: [
      survey(
        ["type", "name", "label", "constraint"],
        ["barcode", "seal_code", "Scan the seal", "string-length(.) = 8"],
        ["add datetime prompt", "seen_at", "When?", ""],
      ),
      settings(["form_id", "form_kind"], ["seal-scan", "incident"]),
    ],
  },
  {
    file: "incident-nested.xlsx",
    features: ["nested_repeat", "repeat", "calculate"],
    sheets: [
      survey(
        ["type", "name", "label", "calculation"],
        ["begin repeat", "visit", "Station visited", ""],
        ["text", "code", "Station code", ""],
        ["begin repeat", "problem", "Problem", ""],
        ["select_one category", "category", "Category", ""],
        ["end repeat", "", "", ""],
        ["calculate", "problems_here", "", "count(${problem})"],
        ["end repeat", "", "", ""],
      ),
      categories,
      settings(["form_id", "form_kind"], ["mobile-team", "incident"]),
    ],
  },
  {
    file: "incident-broken-repeat.xlsx",
    features: ["located_rejection", "repeat_count"],
    sheets: [
      survey(
        ["type", "name", "label", "repeat_count"],
        ["begin repeat", "incident", "Incident", "${how_many}"],
        ["text", "what", "What?", ""],
        ["end group", "", "", ""],
      ),
      settings(["form_id", "form_kind"], ["broken", "incident"]),
    ],
  },
];
