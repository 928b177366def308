// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
// Ready checklists modelled on international short-term observer practice
// (the OSCE/ODIHR Handbook for the Observation of Election Day and the forms
// of its missions): opening, voting (also used on early-voting days),
// counting, tabulation at the district commission, and incidents. English and
// Russian. Each has an `overall_assessment` on the 4-point scale.
//
// Names other parts of Scrutiny rely on (do not rename):
// - every checklist: arrival_time, departure_time (time), overall_assessment;
// - voting: ballot_box_sealed, unauthorized_persons, group_voting (yes/no),
//   voters_in_queue (optional integer), voters_counted (integer: voters the
//   team counted entering during its stay);
// - counting: protocol_registered, protocol_ballots_issued, protocol_valid,
//   protocol_invalid (integers) in group `protocol`, votes_<code> added by
//   withContestants, and check valid_plus_invalid_le_issued;
// - incident: category, description, critical.
// Critical questions carry `criticalWhen` ("yes" or "no" is the bad answer).
import { assessmentChoices, yesNoChoices } from "../forms/choices.ts";
import type { Choice, FormDefinition } from "../forms/definition.ts";
import {
  arrival,
  assessment,
  check,
  comments,
  date,
  departure,
  departureAfterArrival,
  group,
  integer,
  note,
  overallAssessment,
  selectMultiple,
  selectOne,
  t,
  text,
  time,
  yesNo,
} from "./build.ts";

const observerTypes: Choice[] = [
  { name: "citizen", label: t("Citizen observers", "Общественные наблюдатели") },
  { name: "party", label: t("Party or candidate observers", "Наблюдатели от партий или кандидатов") },
  { name: "international", label: t("Other international observers", "Другие международные наблюдатели") },
  { name: "media", label: t("Media", "Представители СМИ") },
  { name: "none", label: t("None", "Никого") },
];

const unauthorizedWho: Choice[] = [
  { name: "police", label: t("Police or security staff", "Полиция или охрана") },
  { name: "local_officials", label: t("Local authority officials", "Представители местной власти") },
  {
    name: "party_representatives",
    label: t("Party or candidate representatives", "Представители партий или кандидатов"),
  },
  { name: "unidentified", label: t("Unidentified persons", "Неустановленные лица") },
  { name: "other", label: t("Other", "Другие") },
];

/** Who was in the room: asked the same way at the opening and during voting. */
const transparencyQuestions = [
  selectMultiple(
    "observers_present",
    "observer_types",
    t("Which observers were present?", "Какие наблюдатели присутствовали?"),
  ),
  yesNo(
    "observers_restricted",
    t("Were observers restricted in their observation?", "Ограничивались ли наблюдатели в наблюдении?"),
    { criticalWhen: "yes" },
  ),
  yesNo(
    "unauthorized_persons",
    t(
      "Were unauthorized persons present in the polling station?",
      "Присутствовали ли на участке посторонние лица?",
    ),
    { criticalWhen: "yes" },
  ),
  selectMultiple("unauthorized_persons_who", "unauthorized_who", t("Who were they?", "Кто это был?"), {
    relevant: "${unauthorized_persons} = 'yes'",
    required: true,
  }),
];

const base = {
  version: 1,
  languages: ["en", "ru"],
  defaultLanguage: "en",
} as const;

const commonLists = { yes_no: yesNoChoices, assessment: assessmentChoices };

export const openingTemplate: FormDefinition = {
  ...base,
  id: "opening",
  kind: "opening",
  title: t("Opening checklist", "Анкета открытия участка"),
  choiceLists: { ...commonLists, observer_types: observerTypes, unauthorized_who: unauthorizedWho },
  items: [
    note(
      "intro",
      t(
        "Arrive at least 30 minutes before the opening and stay until the first voters have voted.",
        "Прибудьте не позднее чем за 30 минут до открытия и оставайтесь, пока не проголосуют первые избиратели.",
      ),
    ),
    arrival,
    group("preparations", t("Preparations", "Подготовка"), [
      integer("commission_members_present", t("Commission members present", "Присутствует членов комиссии"), {
        required: true,
        max: 50,
      }),
      yesNo(
        "quorum_present",
        t("Was a quorum of the commission present?", "Присутствовал ли кворум комиссии?"),
        {
          criticalWhen: "no",
        },
      ),
      yesNo(
        "ballots_counted_before_opening",
        t(
          "Did the commission count the ballots received and record the number?",
          "Пересчитала ли комиссия полученные бюллетени и записала ли их число?",
        ),
      ),
      integer("ballots_received", t("Number of ballots received", "Число полученных бюллетеней"), {
        relevant: "${ballots_counted_before_opening} = 'yes'",
      }),
      yesNo(
        "ballot_boxes_shown_empty",
        t(
          "Were the ballot boxes shown to be empty before they were sealed?",
          "Были ли ящики для голосования показаны пустыми перед опечатыванием?",
        ),
        { criticalWhen: "no" },
      ),
      yesNo(
        "ballot_box_sealed",
        t("Were all ballot boxes properly sealed?", "Были ли все ящики надлежащим образом опечатаны?"),
        {
          criticalWhen: "no",
        },
      ),
      yesNo(
        "voter_list_available",
        t("Was the voter list available?", "Был ли в наличии список избирателей?"),
      ),
      yesNo(
        "booths_ensure_secrecy",
        t(
          "Was the layout adequate to ensure the secrecy of the vote?",
          "Обеспечивала ли планировка тайну голосования?",
        ),
        { criticalWhen: "no" },
      ),
      yesNo(
        "essential_materials_present",
        t("Were all essential materials present?", "Были ли в наличии все необходимые материалы?"),
      ),
    ]),
    group("transparency", t("Transparency", "Прозрачность"), [...transparencyQuestions]),
    time("opening_time", t("At what time did voting begin?", "Во сколько началось голосование?"), {
      required: true,
    }),
    yesNo("opened_on_time", t("Did the polling station open on time?", "Открылся ли участок вовремя?")),
    departure,
    overallAssessment(t("Overall assessment of the opening", "Общая оценка процедуры открытия")),
    comments,
  ],
  checks: [
    departureAfterArrival,
    check(
      "opening_after_arrival",
      "${opening_time} >= ${arrival_time}",
      t(
        "Opening time is before arrival: the preparations could not have been observed",
        "Время открытия раньше прибытия: подготовку нельзя было наблюдать",
      ),
    ),
  ],
};

export const votingTemplate: FormDefinition = {
  ...base,
  id: "voting",
  kind: "voting",
  title: t("Voting checklist", "Анкета голосования"),
  choiceLists: { ...commonLists, observer_types: observerTypes, unauthorized_who: unauthorizedWho },
  items: [
    note(
      "intro",
      t(
        "Used on election day and on early-voting days. Stay at least 30 minutes.",
        "Используется в день выборов и в дни досрочного голосования. Оставайтесь не менее 30 минут.",
      ),
    ),
    arrival,
    group("environment", t("Polling station environment", "Обстановка на участке"), [
      yesNo(
        "accessible",
        t(
          "Was the polling station accessible for voters with disabilities?",
          "Был ли участок доступен для избирателей с инвалидностью?",
        ),
      ),
      yesNo(
        "campaigning_nearby",
        t(
          "Was there campaigning in or near the polling station?",
          "Велась ли агитация на участке или рядом с ним?",
        ),
      ),
      yesNo("overcrowded", t("Was the polling station overcrowded?", "Был ли участок переполнен?")),
      integer(
        "voters_in_queue",
        t("Voters waiting in the queue on arrival", "Избирателей в очереди при прибытии"),
        {
          hint: t("Leave empty if you could not count.", "Оставьте пустым, если не удалось посчитать."),
          max: 10_000,
        },
      ),
    ]),
    group("procedures", t("Voting procedures", "Процедуры голосования"), [
      yesNo(
        "ballot_box_sealed",
        t("Were all ballot boxes properly sealed?", "Были ли все ящики надлежащим образом опечатаны?"),
        {
          criticalWhen: "no",
        },
      ),
      yesNo(
        "id_checked",
        t("Were voters' identity documents checked?", "Проверялись ли документы, удостоверяющие личность?"),
      ),
      yesNo(
        "voters_signed_list",
        t(
          "Did voters sign the voter list before receiving a ballot?",
          "Расписывались ли избиратели в списке до получения бюллетеня?",
        ),
      ),
      yesNo(
        "secrecy_ensured",
        t("Was the secrecy of the vote ensured?", "Обеспечивалась ли тайна голосования?"),
        { criticalWhen: "no" },
      ),
      yesNo(
        "group_voting",
        t("Did you observe group or family voting?", "Наблюдали ли вы групповое или семейное голосование?"),
        { criticalWhen: "yes" },
      ),
      yesNo(
        "ballot_stuffing",
        t(
          "Did you observe indications of ballot box stuffing?",
          "Наблюдали ли вы признаки вброса бюллетеней?",
        ),
        { criticalWhen: "yes" },
      ),
      yesNo(
        "multiple_voting",
        t("Did you observe multiple voting?", "Наблюдали ли вы многократное голосование?"),
        { criticalWhen: "yes" },
      ),
      yesNo(
        "pressure_on_voters",
        t("Did you observe pressure on voters?", "Наблюдали ли вы давление на избирателей?"),
        { criticalWhen: "yes" },
      ),
    ]),
    group("transparency", t("Transparency", "Прозрачность"), [
      ...transparencyQuestions,
      yesNo(
        "unauthorized_persons_directing",
        t(
          "Were they interfering in or directing the process?",
          "Вмешивались ли они в процесс или руководили им?",
        ),
        { relevant: "${unauthorized_persons} = 'yes'", criticalWhen: "yes" },
      ),
    ]),
    group("counts", t("Counts", "Подсчёты"), [
      integer(
        "voters_counted",
        t(
          "How many voters did you count entering during your stay?",
          "Сколько избирателей вошло на участок за время вашего пребывания?",
        ),
        { required: true, max: 10_000 },
      ),
      integer(
        "voters_signed_so_far",
        t(
          "Signatures in the voter list at your departure, if the commission told you",
          "Подписей в списке избирателей к вашему уходу, если комиссия сообщила",
        ),
        { max: 100_000 },
      ),
    ]),
    departure,
    assessment(
      "commission_performance",
      t("How did the commission perform its duties?", "Как комиссия выполняла свои обязанности?"),
      { required: true },
    ),
    overallAssessment(t("Overall assessment of the voting", "Общая оценка голосования")),
    comments,
  ],
  checks: [
    departureAfterArrival,
    check(
      "counted_le_signed",
      "${voters_counted} <= ${voters_signed_so_far}",
      t(
        "More voters counted entering than signatures in the list",
        "Подсчитано больше вошедших избирателей, чем подписей в списке",
      ),
    ),
  ],
};

export const countingTemplate: FormDefinition = {
  ...base,
  id: "counting",
  kind: "counting",
  title: t("Counting checklist", "Анкета подсчёта голосов"),
  choiceLists: { ...commonLists },
  items: [
    arrival,
    time("count_start_time", t("At what time did the count begin?", "Во сколько начался подсчёт?"), {
      required: true,
    }),
    group("procedures", t("Counting procedures", "Процедуры подсчёта"), [
      yesNo(
        "unused_ballots_cancelled",
        t(
          "Were unused ballots counted and cancelled before the ballot boxes were opened?",
          "Были ли неиспользованные бюллетени подсчитаны и погашены до вскрытия ящиков?",
        ),
      ),
      yesNo(
        "voter_list_signatures_counted",
        t(
          "Were the signatures in the voter list counted?",
          "Были ли подсчитаны подписи в списке избирателей?",
        ),
      ),
      yesNo(
        "seals_intact",
        t("Were the seals of the ballot boxes intact?", "Были ли пломбы на ящиках целы?"),
        { criticalWhen: "no" },
      ),
      yesNo(
        "ballots_shown",
        t(
          "Were the marks on each ballot shown to those present?",
          "Показывали ли отметки в каждом бюллетене присутствующим?",
        ),
        { criticalWhen: "no" },
      ),
      yesNo(
        "validity_consistent",
        t(
          "Was the validity of ballots determined reasonably and consistently?",
          "Определялась ли действительность бюллетеней обоснованно и единообразно?",
        ),
      ),
      yesNo(
        "observers_clear_view",
        t("Did observers have a clear view of the count?", "Могли ли наблюдатели ясно видеть подсчёт?"),
        { criticalWhen: "no" },
      ),
      yesNo(
        "unauthorized_persons",
        t(
          "Were unauthorized persons present during the count?",
          "Присутствовали ли при подсчёте посторонние лица?",
        ),
        { criticalWhen: "yes" },
      ),
      yesNo(
        "falsification",
        t(
          "Did you observe deliberate falsification of results or of the protocol?",
          "Наблюдали ли вы намеренную фальсификацию результатов или протокола?",
        ),
        { criticalWhen: "yes" },
      ),
    ]),
    group(
      "protocol",
      t("Results protocol (copy the figures exactly)", "Протокол об итогах (перепишите цифры точно)"),
      [
        integer("protocol_registered", t("Voters on the voter list", "Число избирателей в списке"), {
          required: true,
        }),
        integer(
          "protocol_ballots_issued",
          t("Ballots issued to voters", "Число бюллетеней, выданных избирателям"),
          {
            required: true,
          },
        ),
        integer("protocol_valid", t("Valid ballots", "Число действительных бюллетеней"), { required: true }),
        integer("protocol_invalid", t("Invalid ballots", "Число недействительных бюллетеней"), {
          required: true,
        }),
        integer("protocol_unused", t("Unused (cancelled) ballots", "Число погашенных бюллетеней")),
      ],
    ),
    yesNo(
      "protocol_presigned",
      t("Were protocols signed in advance?", "Были ли протоколы подписаны заранее?"),
      { criticalWhen: "yes" },
    ),
    yesNo(
      "protocol_copy_received",
      t(
        "Did observers receive a certified copy of the protocol?",
        "Получили ли наблюдатели заверенную копию протокола?",
      ),
    ),
    yesNo(
      "protocol_posted",
      t(
        "Was a copy of the protocol posted publicly?",
        "Была ли копия протокола вывешена для всеобщего ознакомления?",
      ),
    ),
    departure,
    overallAssessment(t("Overall assessment of the count", "Общая оценка подсчёта")),
    comments,
  ],
  checks: [
    departureAfterArrival,
    check(
      "valid_plus_invalid_le_issued",
      "${protocol_valid} + ${protocol_invalid} <= ${protocol_ballots_issued}",
      t(
        "Valid plus invalid ballots exceed the ballots issued",
        "Сумма действительных и недействительных бюллетеней больше числа выданных",
      ),
    ),
    check(
      "issued_le_registered",
      "${protocol_ballots_issued} <= ${protocol_registered}",
      t("More ballots issued than voters on the list", "Выдано больше бюллетеней, чем избирателей в списке"),
    ),
  ],
};

export const tabulationTemplate: FormDefinition = {
  ...base,
  id: "tabulation",
  kind: "tabulation",
  title: t("Tabulation checklist (district commission)", "Анкета подведения итогов (окружная комиссия)"),
  choiceLists: { ...commonLists },
  items: [
    arrival,
    group("conditions", t("Conditions", "Условия"), [
      yesNo(
        "observers_full_view",
        t(
          "Did observers have a full view of the procedures?",
          "Могли ли наблюдатели полностью видеть процедуры?",
        ),
        { criticalWhen: "no" },
      ),
      yesNo("overcrowded", t("Was the premises overcrowded?", "Было ли помещение переполнено?")),
      yesNo(
        "unauthorized_persons",
        t("Were unauthorized persons present?", "Присутствовали ли посторонние лица?"),
        { criticalWhen: "yes" },
      ),
    ]),
    group("handover", t("Handover of protocols", "Приём протоколов"), [
      integer(
        "protocols_observed",
        t(
          "How many polling-station protocols did you see handed over?",
          "Сколько протоколов участковых комиссий было принято при вас?",
        ),
        { required: true, max: 5000 },
      ),
      integer(
        "protocols_with_problems",
        t(
          "How many of them had errors or inconsistencies?",
          "Сколько из них содержали ошибки или несоответствия?",
        ),
        { required: true, max: 5000 },
      ),
      yesNo(
        "protocols_changed_without_recount",
        t(
          "Were protocol figures changed without a recount?",
          "Изменялись ли цифры протоколов без пересчёта?",
        ),
        { criticalWhen: "yes" },
      ),
      yesNo(
        "figures_entered_match",
        t(
          "Did the figures entered match the polling-station protocols?",
          "Совпадали ли введённые данные с протоколами участковых комиссий?",
        ),
        { criticalWhen: "no" },
      ),
      yesNo(
        "results_posted",
        t(
          "Were the results by polling station posted or published?",
          "Были ли итоги по участкам вывешены или опубликованы?",
        ),
      ),
    ]),
    departure,
    overallAssessment(t("Overall assessment of the tabulation", "Общая оценка подведения итогов")),
    comments,
  ],
  checks: [
    departureAfterArrival,
    check(
      "problems_le_observed",
      "${protocols_with_problems} <= ${protocols_observed}",
      t(
        "More protocols with problems than protocols observed",
        "Протоколов с проблемами больше, чем наблюдалось",
      ),
    ),
  ],
};

export const INCIDENT_CATEGORIES = [
  "intimidation",
  "ballot_stuffing",
  "multiple_voting",
  "unauthorized_persons",
  "procedural",
  "campaigning",
  "other",
] as const;

export const incidentTemplate: FormDefinition = {
  ...base,
  id: "incident",
  kind: "incident",
  title: t("Incident report", "Сообщение об инциденте"),
  choiceLists: {
    ...commonLists,
    incident_category: [
      { name: "intimidation", label: t("Intimidation or pressure", "Запугивание или давление") },
      { name: "ballot_stuffing", label: t("Ballot box stuffing", "Вброс бюллетеней") },
      { name: "multiple_voting", label: t("Multiple voting", "Многократное голосование") },
      { name: "unauthorized_persons", label: t("Unauthorized persons", "Посторонние лица") },
      { name: "procedural", label: t("Procedural violation", "Нарушение процедуры") },
      { name: "campaigning", label: t("Unlawful campaigning", "Незаконная агитация") },
      { name: "other", label: t("Other", "Другое") },
    ],
    evidence: [
      { name: "photo", label: t("Photo", "Фото") },
      { name: "video", label: t("Video", "Видео") },
      { name: "document", label: t("Document", "Документ") },
      { name: "witness", label: t("Witness statement", "Показания свидетеля") },
      { name: "none", label: t("None", "Нет") },
    ],
  },
  items: [
    date("incident_date", t("Date of the incident", "Дата инцидента"), { required: true }),
    time("incident_time", t("Time of the incident", "Время инцидента")),
    selectOne("category", "incident_category", t("Category", "Категория"), { required: true }),
    text("category_other", t("Which other category?", "Какая другая категория?"), {
      relevant: "${category} = 'other'",
      required: true,
      maxLength: 200,
    }),
    text(
      "description",
      t(
        "What happened? Facts only: who, what, where, how many.",
        "Что произошло? Только факты: кто, что, где, сколько.",
      ),
      {
        required: true,
      },
    ),
    yesNo("witnessed_directly", t("Did you witness it yourself?", "Вы видели это сами?")),
    selectMultiple("evidence", "evidence", t("Evidence available", "Имеющиеся доказательства")),
    yesNo("reported_to_commission", t("Was it reported to the commission?", "Было ли сообщено комиссии?")),
    text("commission_response", t("How did the commission respond?", "Как отреагировала комиссия?"), {
      relevant: "${reported_to_commission} = 'yes'",
    }),
    yesNo(
      "critical",
      t(
        "Is this a critical incident that may affect the integrity of the results?",
        "Является ли инцидент критическим, способным повлиять на достоверность итогов?",
      ),
      {
        criticalWhen: "yes",
        hint: t(
          "Critical incidents are sent to the core team at once.",
          "Критические инциденты сразу передаются основной группе.",
        ),
      },
    ),
    overallAssessment(
      t(
        "Overall assessment of the process where it happened",
        "Общая оценка процесса там, где это произошло",
      ),
      false,
    ),
  ],
  checks: [],
};

/** All templates, in election-day order. */
export const formTemplates: readonly FormDefinition[] = [
  openingTemplate,
  votingTemplate,
  countingTemplate,
  tabulationTemplate,
  incidentTemplate,
];
