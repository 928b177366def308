/**
 * Workbooks laid out as NDI's Apollo exports them (apollo/formsframework/utils.py, export_form):
 * survey (type, name, label, constraints, extra), choices with integer names, analysis,
 * metadata and quality_checks. Ours: a Sierra Leone-like polling-day checklist and an incident
 * form, with nothing of the demo's naming.
 */
export type Table = readonly (readonly (string | number)[])[];

export const apolloChecklist: Readonly<Record<string, Table>> = {
  survey: [
    ["type", "name", "label", "constraints", "extra"],
    ["begin group", "setup", "Setup"],
    ["select_one AA_options", "AA", "What time did the station open?"],
    ["integer", "AB", "How many voters are registered?", ". >= 0 and . <= 2000"],
    ["integer", "AC", "How many voters were accredited?", ". >= 0 and . <= 2000"],
    ["boolean", "AD", "Was the ballot box shown empty?"],
    ["end group"],
    ["begin group", "results", "Results"],
    ["integer", "BA", "Votes for the APC", ". >= 0 and . <= 2000", "0"],
    ["integer", "BB", "Votes for the SLPP", ". >= 0 and . <= 2000"],
    ["integer", "BC", "Invalid ballots", ". >= 0 and . <= 2000"],
    ["text", "BD", "Comments", "", "comment"],
    ["end group"],
  ],
  choices: [
    ["list name", "name", "label"],
    ["AA_options", 1, "Before 7:00"],
    ["AA_options", 2, "7:00 to 8:00"],
    ["AA_options", 3, "After 8:00"],
  ],
  analysis: [
    ["name", "analysis"],
    ["AA", "histogram"],
    ["AB", "N/A"],
    ["BA", "RESULT"],
    ["BB", "RESULT"],
  ],
  metadata: [
    [
      "name",
      "prefix",
      "form_type",
      "require_exclamation",
      "calculate_moe",
      "accredited_voters_tag",
      "invalid_votes_tag",
      "registered_voters_tag",
      "blank_votes_tag",
      "quality_checks_enabled",
      "vote_shares",
    ],
    ["Polling Day Checklist", "PD", "CHECKLIST", 0, 1, "AC", "BC", "AB", "", 1, "BA,BB"],
  ],
  quality_checks: [
    ["name", "description", "left", "relation", "right", "conjunction"],
    ["accredited_gt_registered", "More accredited than registered", "AC", ">", "AB", "&&"],
    ["votes_odd", "Votes and invalid add up to more than accredited", "BA + BB", ">", "AC", "&&"],
    ["votes_odd", "Votes and invalid add up to more than accredited", "BC", ">", "0", "&&"],
    [
      "by_location",
      "Registered differs from the voter list",
      "AB",
      "!=",
      "$location.registered_voters",
      "&&",
    ],
  ],
};

export const apolloIncidents: Readonly<Record<string, Table>> = {
  survey: [
    ["type", "name", "label", "constraints", "extra"],
    ["begin group", "incidents", "Critical incidents"],
    ["boolean", "A", "Polling station did not open"],
    ["boolean", "B", "Ballot box stuffing"],
    ["boolean", "C", "Observers expelled"],
    ["end group"],
  ],
  choices: [["list name", "name", "label"]],
  analysis: [
    ["name", "analysis"],
    ["A", "N/A"],
  ],
  metadata: [
    ["name", "prefix", "form_type", "require_exclamation", "calculate_moe"],
    ["Critical Incidents", "CI", "INCIDENT", 0, 0],
  ],
};
