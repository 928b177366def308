// The portal's words in English and Russian: a small dictionary, so that the public page loads
// neither i18next nor the analysts' app. Names of elections, missions and indicators come from
// the snapshots in their own languages.
import { createContext, useContext } from "react";

export const PORTAL_LANGUAGES = ["en", "ru"] as const;
export type PortalLanguage = (typeof PORTAL_LANGUAGES)[number];

const en = {
  title: "Published findings",
  "nav.elections": "Elections",
  "nav.verify": "How to verify",
  loading: "Loading…",
  "error.load": "Could not load: {message}",
  "elections.lead":
    "What observer missions published: every figure with its interval and denominator, the data behind it without observers' personal data, and a log anyone can check.",
  "elections.none": "No mission has published anything yet.",
  "elections.missions": "Missions that published",
  "elections.snapshots": "{count} snapshots",
  "election.missions": "Missions and their snapshots",
  "election.compare": "Missions side by side",
  "election.compareLead":
    "The same question measured by each mission, from each mission's latest snapshot. A difference whose interval excludes 0 is unlikely to be chance alone.",
  "election.noCompare": "No indicator is matched across missions yet.",
  "election.indicator": "Indicator",
  "election.difference": "Difference",
  "election.notPublished": "not published",
  "publication.by": "Published by {mission} on {date}",
  "publication.design": "Sampling design",
  "publication.plan": "Plan version",
  "publication.reports": "Reports",
  "publication.licence": "Licence",
  "publication.log": "Transparency log entry",
  "publication.hash": "SHA-256 of datapackage.json",
  "publication.downloads": "Downloads",
  "publication.zip": "Whole data package (zip)",
  "publication.recompute": "Recompute every figure yourself:",
  "publication.indicators": "Indicators",
  "publication.overall": "Overall",
  "publication.byPhase": "By phase",
  "publication.byArea": "By {level}",
  "figure.value": "Estimate",
  "figure.interval": "95% interval",
  "figure.counts": "Numerator / denominator",
  "figure.stations": "Stations",
  "figure.excluded": "Excluded",
  "figure.small": "small cell",
  "figure.noEstimate": "no estimate",
  "figure.category": "Category",
  "figure.reports": "Reports",
  "figure.share": "Share of stations",
  "excluded.missing": "{n} without an answer",
  "excluded.quarantined": "{n} quarantined",
  "excluded.outside-plan": "{n} outside the plan",
  "verify.title": "How to verify what you read here",
  "verify.lead":
    "Every snapshot, report, review, form, plan and change of permissions is an entry of a public, append-only log (the construction Certificate Transparency uses). Its checkpoint is signed; witnesses cosign it. Anyone can check three things without trusting this server:",
  "verify.step1":
    "The log was not rewritten: the checkpoint's signature, the tree recomputed from the served tiles, and that it extends a checkpoint you saved earlier.",
  "verify.step2":
    "A snapshot is the one the log recorded: the SHA-256 of its datapackage.json is in its log entry, and datapackage.json lists the SHA-256 of every file.",
  "verify.step3": "Every published figure follows from the package's own files, digit for digit.",
  "verify.commands": "Commands",
  "verify.checkpoint": "Current checkpoint",
  "verify.key": "Verifier key",
  "verify.witnesses": "Witnesses",
  "verify.noWitnesses": "No witness has cosigned this log yet.",
  "verify.witnessAt": "cosigned size {size} at {time}",
  "effects.title": "Observer effects",
  "effects.lead":
    "Teams rate on a scale, and some rate more harshly than others. Each assessment is shown as reported and adjusted for team severity; agreement is measured on stations two teams observed.",
  "effects.raw": "As reported (95% interval)",
  "effects.adjusted": "Adjusted for team severity",
  "effects.agreement": "Agreement between teams",
  "effects.noAgreement": "no station observed twice",
  "effects.stations": "{n} stations observed twice",
  "effects.teams": "Teams",
  "effects.flagged": "{teams} teams; {harsh} harsh, {lenient} lenient",
  "forensics.title": "Forensics of the official results",
  "forensics.stations": "Stations",
  "forensics.turnout": "Turnout",
  "forensics.leader": "Leader analysed",
  "forensics.leaderShare": "Leader's share",
  "forensics.turnoutPlot": "Stations by turnout, in steps of 0.1 percentage point",
  "forensics.test": "Test",
  "forensics.found": "Found",
  "forensics.interval": "Expected if honest / interval",
  "forensics.reading": "What it means (in the report's words)",
  "forensics.integer": "Whole-number percentages",
  "forensics.integerFound": "{observed} of {included} stations",
  "forensics.integerExpected": "honest counts: {expected} ± {sd}",
  "forensics.band": "99.9% band {band}",
  "forensics.fingerprint": "Fraud-model fingerprint",
  "forensics.fi": "incremental",
  "forensics.fe": "extreme",
  "forensics.replicates": "95% bootstrap intervals, {replicates} replicates",
  "forensics.digits": "Last and second digits",
  "forensics.lastDigit": "last digit",
  "forensics.turnoutZeroFive": "turnout % ending in 0 or 5:",
  "forensics.arithmetic": "Protocol arithmetic",
  "forensics.flagged": "{stations} stations fail a control",
  "forensics.exclusions": "Rows left out",
  "forensics.excluded": "{excluded} of {rows} rows",
  "forensics.breakdown": "Areas by {level}, strongest signal first.",
  "forensics.integerZ": "Whole-% z",
  "forensics.files": "The whole report and the data it was computed from:",
  "design.stratified": "stratified random sample",
  "design.simple_random": "simple random sample",
  "design.convenience": "convenience sample (does not generalise)",
  language: "Language",
};

type Key = keyof typeof en;

const ru: Record<Key, string> = {
  title: "Опубликованные выводы",
  "nav.elections": "Выборы",
  "nav.verify": "Как проверить",
  loading: "Загрузка…",
  "error.load": "Не удалось загрузить: {message}",
  "elections.lead":
    "Что опубликовали миссии наблюдателей: каждая цифра с интервалом и знаменателем, данные за ней без персональных данных наблюдателей и журнал, который может проверить каждый.",
  "elections.none": "Ни одна миссия пока ничего не опубликовала.",
  "elections.missions": "Миссии с публикациями",
  "elections.snapshots": "публикаций: {count}",
  "election.missions": "Миссии и их публикации",
  "election.compare": "Миссии рядом",
  "election.compareLead":
    "Один и тот же вопрос, измеренный каждой миссией, по последней публикации каждой. Разница, интервал которой не содержит 0, вряд ли случайна.",
  "election.noCompare": "Показатели миссий пока не сопоставлены.",
  "election.indicator": "Показатель",
  "election.difference": "Разница",
  "election.notPublished": "не опубликовано",
  "publication.by": "Опубликовано миссией {mission} {date}",
  "publication.design": "Выборка",
  "publication.plan": "Версия плана",
  "publication.reports": "Отчёты",
  "publication.licence": "Лицензия",
  "publication.log": "Запись в журнале прозрачности",
  "publication.hash": "SHA-256 файла datapackage.json",
  "publication.downloads": "Файлы",
  "publication.zip": "Весь пакет данных (zip)",
  "publication.recompute": "Пересчитайте каждую цифру сами:",
  "publication.indicators": "Показатели",
  "publication.overall": "В целом",
  "publication.byPhase": "По этапам",
  "publication.byArea": "По уровню {level}",
  "figure.value": "Оценка",
  "figure.interval": "95% интервал",
  "figure.counts": "Числитель / знаменатель",
  "figure.stations": "Участки",
  "figure.excluded": "Исключено",
  "figure.small": "мало данных",
  "figure.noEstimate": "нет оценки",
  "figure.category": "Категория",
  "figure.reports": "Отчёты",
  "figure.share": "Доля участков",
  "excluded.missing": "{n} без ответа",
  "excluded.quarantined": "{n} на карантине",
  "excluded.outside-plan": "{n} вне плана",
  "verify.title": "Как проверить то, что вы здесь читаете",
  "verify.lead":
    "Каждая публикация, отчёт, проверка, форма, план и изменение прав — запись публичного журнала, в который можно только дописывать (так устроен Certificate Transparency). Его контрольная точка подписана, свидетели её заверяют. Любой может проверить три вещи, не доверяя этому серверу:",
  "verify.step1":
    "Журнал не переписан: подпись контрольной точки, дерево, пересчитанное по опубликованным плиткам, и то, что он продолжает сохранённую вами ранее точку.",
  "verify.step2":
    "Публикация та самая, что записана в журнал: SHA-256 её datapackage.json есть в записи журнала, а datapackage.json перечисляет SHA-256 каждого файла.",
  "verify.step3": "Каждая опубликованная цифра следует из файлов пакета, до последнего знака.",
  "verify.commands": "Команды",
  "verify.checkpoint": "Текущая контрольная точка",
  "verify.key": "Ключ проверки",
  "verify.witnesses": "Свидетели",
  "verify.noWitnesses": "Журнал пока не заверил ни один свидетель.",
  "verify.witnessAt": "заверен размер {size}, {time}",
  "effects.title": "Влияние наблюдателей",
  "effects.lead":
    "Команды оценивают по шкале, и одни строже других. Каждая оценка показана как сообщена и с поправкой на строгость команд; согласие измерено на участках, где наблюдали две команды.",
  "effects.raw": "Как сообщено (95% интервал)",
  "effects.adjusted": "С поправкой на строгость команд",
  "effects.agreement": "Согласие команд",
  "effects.noAgreement": "нет участков с двумя наблюдениями",
  "effects.stations": "участков с двумя наблюдениями: {n}",
  "effects.teams": "Команды",
  "effects.flagged": "команд: {teams}; строгих: {harsh}, мягких: {lenient}",
  "forensics.title": "Статистический анализ официальных результатов",
  "forensics.stations": "Участки",
  "forensics.turnout": "Явка",
  "forensics.leader": "Анализируемый лидер",
  "forensics.leaderShare": "Доля лидера",
  "forensics.turnoutPlot": "Участки по явке, шаг 0,1 процентного пункта",
  "forensics.test": "Тест",
  "forensics.found": "Найдено",
  "forensics.interval": "Ожидаемое при честном подсчёте / интервал",
  "forensics.reading": "Что это значит (словами отчёта, по-английски)",
  "forensics.integer": "Целые проценты",
  "forensics.integerFound": "{observed} из {included} участков",
  "forensics.integerExpected": "при честном подсчёте: {expected} ± {sd}",
  "forensics.band": "99,9% полоса {band}",
  "forensics.fingerprint": "«Отпечаток» модели фальсификаций",
  "forensics.fi": "постепенные",
  "forensics.fe": "крайние",
  "forensics.replicates": "95% бутстреп-интервалы, повторений: {replicates}",
  "forensics.digits": "Последние и вторые цифры",
  "forensics.lastDigit": "последняя цифра",
  "forensics.turnoutZeroFive": "явка % на 0 или 5:",
  "forensics.arithmetic": "Арифметика протоколов",
  "forensics.flagged": "участков с нарушенным контрольным соотношением: {stations}",
  "forensics.exclusions": "Исключённые строки",
  "forensics.excluded": "{excluded} из {rows} строк",
  "forensics.breakdown": "Территории ({level}), сильнейший сигнал первым.",
  "forensics.integerZ": "z целых %",
  "forensics.files": "Весь отчёт и данные, по которым он рассчитан:",
  "design.stratified": "стратифицированная случайная выборка",
  "design.simple_random": "простая случайная выборка",
  "design.convenience": "нерепрезентативная выборка (не обобщается)",
  language: "Язык",
};

export const dictionaries: Readonly<Record<PortalLanguage, Record<Key, string>>> = { en, ru };

export type Translate = (key: Key, values?: Record<string, string | number>) => string;

export function translator(language: PortalLanguage): Translate {
  const words = dictionaries[language];
  return (key, values) =>
    (words[key] ?? en[key]).replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? ""));
}

export const LanguageContext = createContext<{ language: PortalLanguage; t: Translate }>({
  language: "en",
  t: translator("en"),
});

export const usePortalText = () => useContext(LanguageContext);

/** A localized name in the reader's language, else English, else the first one given. */
export function nameIn(name: Record<string, string> | undefined, language: PortalLanguage): string {
  if (name === undefined) return "";
  return name[language] ?? name["en"] ?? Object.values(name)[0] ?? "";
}
