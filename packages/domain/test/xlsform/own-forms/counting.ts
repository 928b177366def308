// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { choices, type OwnForm, settings, survey, yesNo } from "./kit.ts";

/** Counts and tallies: per-candidate and per-box repeats, sums, ranges, ODK's functions. */
export const countingForms: readonly OwnForm[] = [
  {
    file: "per-candidate-count.xlsx",
    features: ["repeat", "repeat_count", "calculate", "odk_functions", "form_kind"],
    sheets: [
      survey(
        ["type", "name", "label", "repeat_count", "calculation", "constraint"],
        ["integer", "candidates", "How many candidates are on the ballot?", "", "", ". > 0"],
        ["begin repeat", "candidate", "Candidate", "${candidates}", "", ""],
        ["text", "candidate_name", "Name", "", "", ""],
        ["integer", "votes", "Votes", "", "", ". >= 0"],
        ["end repeat", "", "", "", "", ""],
        ["calculate", "total_votes", "", "", "sum(${votes})", ""],
        ["integer", "valid_ballots", "Valid ballots", "", "", ". = ${total_votes}"],
      ),
      settings(["form_id", "form_kind"], ["candidate-count", "counting"]),
    ],
  },
  {
    file: "ballot-boxes.xlsx",
    features: ["repeat_count", "repeat", "acknowledge"],
    sheets: [
      survey(
        ["type", "name", "label", "repeat_count"],
        ["begin repeat", "box", "Ballot box", "3"],
        ["select_one yn", "sealed", "Seal intact?", ""],
        ["acknowledge", "opened_in_view", "Opened in view of observers", ""],
        ["end repeat", "", "", ""],
      ),
      yesNo(),
      settings(["form_id", "form_kind"], ["three-boxes", "counting"]),
    ],
  },
  {
    file: "turnout-calculations.xlsx",
    features: ["calculate", "odk_functions", "type_alias"],
    sheets: [
      survey(
        ["type", "name", "label", "calculation", "constraint"],
        ["integer", "registered", "Registered voters", "", ". > 0"],
        ["integer", "ballots", "Ballots in the box", "", ". <= ${registered}"],
        ["calculate", "turnout", "", "round(${ballots} div ${registered} * 100, 1)", ""],
        [
          "calculate",
          "band",
          "",
          "if(${turnout} >= 90, 'suspicious', if(${turnout} < 20, 'low', 'normal'))",
          "",
        ],
        ["hidden", "kept_blank", "", "", ""],
      ),
      settings(["form_id", "form_kind"], ["turnout", "counting"]),
    ],
  },
  {
    file: "tally-range.xlsx",
    features: ["range", "kept_columns"],
    sheets: [
      survey(
        ["type", "name", "label", "parameters", "appearance"],
        ["range", "order", "How orderly was the count?", "start=1 end=5 step=1", "rating"],
        ["range", "lighting", "Lighting (0 to 1)", "start=0 end=1 step=0.25", ""],
      ),
      settings(["form_id", "form_kind"], ["tally-range", "counting"]),
    ],
  },
  {
    file: "protocol-photo.xlsx",
    features: ["image", "calculate", "odk_functions", "form_kind"],
    sheets: [
      survey(
        ["type", "name", "label", "required", "calculation"],
        ["integer", "valid", "Valid ballots", "yes", ""],
        ["image", "protocol_photo", "Photo of the signed protocol", "", ""],
        ["calculate", "photographed", "", "", "if(${protocol_photo} != '', 'yes', 'no')"],
      ),
      settings(["form_id", "form_kind"], ["protocol-photo", "tabulation"]),
    ],
  },
  {
    file: "string-functions.xlsx",
    features: ["odk_functions", "calculate", "or_other"],
    sheets: [
      survey(
        ["type", "name", "label", "calculation"],
        ["text", "station_code", "Station code (e.g. 014-203)", ""],
        ["calculate", "district_code", "", "substring-before(${station_code}, '-')"],
        ["calculate", "code_tail", "", "substr(${station_code}, 4)"],
        ["select_multiple problem or_other", "problems", "Problems", ""],
        ["calculate", "first_problem", "", "selected-at(${problems}, 0)"],
        ["calculate", "n_problems", "", "count-selected(${problems})"],
        ["calculate", "summary", "", "concat(${district_code}, ':', ${n_problems})"],
      ),
      choices(
        ["list_name", "name", "label"],
        ["problem", "queue", "Queue"],
        ["problem", "light", "No light"],
      ),
      settings(["form_id", "form_kind"], ["string-functions", "counting"]),
    ],
  },
  {
    file: "count-dates.xlsx",
    features: ["date", "day_arithmetic", "calculate", "odk_functions"],
    sheets: [
      survey(
        ["type", "name", "label", "calculation", "constraint"],
        ["date", "received", "Protocol received on", "", ""],
        ["date", "entered", "Entered on", "", ". >= ${received}"],
        ["calculate", "delay_days", "", "${entered} - ${received}", ""],
        ["calculate", "deadline", "", "format-date(date(${received} + 3), '%Y-%m-%d')", ""],
      ),
      settings(["form_id", "form_kind"], ["count-dates", "tabulation"]),
    ],
  },
];
