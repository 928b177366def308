// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { choices, type OwnForm, settings, survey, yesNo } from "./kit.ts";

/** Checklists for polling day: languages, skip logic, positions, cascades of places. */
export const electionDayForms: readonly OwnForm[] = [
  {
    file: "municipal-checklist.xlsx",
    features: ["non_latin_language", "form_kind", "kept_columns"],
    sheets: [
      survey(
        ["type", "name", "label::Кыргызча", "label::Русский", "required", "constraint", "appearance"],
        [
          "select_one yn",
          "opened_on_time",
          "Участок убактылуу ачылдыбы?",
          "Участок открылся вовремя?",
          "yes",
          "",
          "horizontal",
        ],
        [
          "integer",
          "commission_present",
          "Комиссиянын мүчөлөрү",
          "Членов комиссии",
          "yes",
          ". >= 3 and . <= 15",
          "",
        ],
      ),
      choices(
        ["list_name", "name", "label::Кыргызча", "label::Русский"],
        ["yn", "yes", "Ооба", "Да"],
        ["yn", "no", "Жок", "Нет"],
      ),
      settings(
        ["form_id", "form_title::Кыргызча", "form_kind", "default_language", "version"],
        ["bishkek-municipal", "Шайлоо күнү", "voting", "Кыргызча", 2026110101],
      ),
    ],
  },
  {
    file: "arabic-opening.xlsx",
    features: ["non_latin_language", "note"],
    sheets: [
      survey(
        ["type", "name", "label::العربية (ar)", "label::Français (fr)", "hint::العربية (ar)"],
        ["note", "welcome", "مرحبا بكم", "Bienvenue"],
        ["integer", "booths", "عدد المعازل", "Isoloirs", "عدد"],
      ),
      settings(["form_id", "form_kind"], ["ouverture", "voting"]),
    ],
  },
  {
    file: "georgian-arrival.xlsx",
    features: ["non_latin_language", "time", "type_alias"],
    sheets: [
      survey(
        ["type", "name", "label::ქართული", "label::English"],
        ["add time prompt", "arrived", "მოსვლის დრო", "Arrival time"],
        ["int", "queue", "რიგი", "Queue"],
      ),
      settings(["form_id", "form_kind", "default_language"], ["arrival-ge", "opening", "ქართული"]),
    ],
  },
  {
    file: "station-cascade.xlsx",
    features: ["choice_filter"],
    sheets: [
      survey(
        ["type", "name", "label", "choice_filter", "required"],
        ["select_one region", "region", "Region", "", "yes"],
        ["select_one area", "area", "Area", "region = ${region}", "yes"],
        ["select_one station", "station", "Station", "area = ${area}", "yes"],
      ),
      choices(
        ["list_name", "name", "label", "region", "area"],
        ["region", "highland", "Highland"],
        ["region", "coast", "Coast"],
        ["area", "h1", "Upper valley", "highland"],
        ["area", "h2", "Pass", "highland"],
        ["area", "c1", "Harbour", "coast"],
        ["station", "s101", "School 101", "", "h1"],
        ["station", "s102", "Clinic 102", "", "h1"],
        ["station", "s201", "Depot 201", "", "h2"],
        ["station", "s301", "Port 301", "", "c1"],
      ),
      settings(["form_id", "form_kind"], ["station-cascade", "opening"]),
    ],
  },
  {
    file: "stations-from-file.xlsx",
    features: ["select_from_file", "choice_filter"],
    sheets: [
      survey(
        ["type", "name", "label", "choice_filter"],
        ["select_one_from_file districts.csv", "district", "District", ""],
        ["select_one_from_file stations.csv", "station", "Station", "district = ${district}"],
      ),
      settings(["form_id", "form_kind"], ["from-file", "opening"]),
    ],
    files: {
      "districts.csv": "name,label\nnorth,North district\nsouth,South district\n",
      "stations.csv":
        "name,label,district,registered\nps1,Polling station 1,north,1200\nps2,Polling station 2,north,800\nps3,Polling station 3,south,950\n",
    },
  },
  {
    file: "observers-languages-from-file.xlsx",
    features: ["select_from_file", "non_latin_language"],
    sheets: [
      survey(
        ["type", "name", "label::Қазақша", "label::Русский"],
        ["select_multiple_from_file problems.csv", "problems", "Мәселелер", "Проблемы"],
      ),
      settings(["form_id", "form_kind"], ["problems-kz", "voting"]),
    ],
    files: {
      "problems.csv":
        "\uFEFFname,label::Қазақша,label::Русский\nqueue,Кезек,Очередь\nlight,Жарық жоқ,Нет света\nseal,Мөр,Пломба\n",
    },
  },
  {
    file: "observer-position.xlsx",
    features: ["geopoint", "station_distance", "type_alias"],
    sheets: [
      survey(
        ["type", "name", "label", "max_distance", "required"],
        ["gps", "here", "Where are you?", 300, "yes"],
        ["location", "exit", "Position at the exit", "", ""],
      ),
      settings(["form_id", "form_kind"], ["position-check", "opening"]),
    ],
  },
  {
    file: "queue-relevance.xlsx",
    features: ["warnings", "type_alias"],
    sheets: [
      survey(
        ["type", "name", "label", "relevance", "default", "read_only"],
        ["select_one yn", "queue", "Queue outside?", "", "no", ""],
        ["integer", "queue_length", "How many waiting?", "${queue} = 'yes'", "", ""],
        ["string", "observer_note", "Remarks", "", "", "true"],
        ["today", "today"],
      ),
      yesNo(),
      settings(["form_id", "form_kind"], ["queue-relevance", "voting"]),
    ],
  },
  {
    file: "opening-acknowledge.xlsx",
    features: ["acknowledge", "note", "type_alias"],
    sheets: [
      survey(
        ["type", "name", "label", "required"],
        ["note", "intro", "Read the seal numbers aloud", ""],
        ["acknowledge", "seals_read", "I heard the seal numbers read", "yes"],
        ["trigger", "box_empty", "I saw the box shown empty", ""],
      ),
      settings(["form_id", "form_kind"], ["opening-ack", "opening"]),
    ],
  },
  {
    file: "closing-times.xlsx",
    features: ["datetime", "time", "date", "day_arithmetic", "odk_functions"],
    sheets: [
      survey(
        ["type", "name", "label", "constraint", "calculation"],
        ["date", "election_date", "Election date", ". <= today()", ""],
        ["dateTime", "closed_at", "Station closed at", "", ""],
        ["dateTime", "count_done", "Count finished at", ". > ${closed_at}", ""],
        [
          "calculate",
          "count_hours",
          "",
          "",
          "round((decimal-date-time(${count_done}) - decimal-date-time(${closed_at})) * 24, 2)",
        ],
        ["time", "seals_applied", "Seals applied at", "", ""],
      ),
      settings(["form_id", "form_kind"], ["closing-times", "counting"]),
    ],
  },
];
