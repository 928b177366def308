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
  "forensics.reading": "What it means",
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
  "forensics.caveat":
    "Statistical tests on official results are signals, never proof: each can be triggered by honest causes (rounding by commissions, special polling stations, small electorates, regional political differences) and each can miss fraud. Read them together, locate where they concentrate, and check the stations concerned against observers' reports and the paper protocols.",
  "reading.integer":
    "{observed} of {included} included stations report a whole-number turnout or leader percentage; honest counts would give {expected} ± {sd} (99.9% band {band}).",
  "reading.integerBeyond":
    "The excess of {excess} stations (z = {z}) is beyond what chance explains: a sign that some figures were set to round targets rather than counted.",
  "reading.integerWithin": "The excess of {excess} stations (z = {z}) is within what chance explains.",
  "reading.integerCaveat":
    "Caveat: the null assumes binomial variation around each station's own result; it says nothing about which stations or who changed them.",
  "reading.fingerprint":
    "The fraud model of Klimek et al. fits best with incremental fraud in {fi} and extreme fraud in {fe} of the stations.",
  "reading.noFraudRejected":
    "At the {level}% level the no-fraud model is rejected (likelihood ratio {statistic}, bootstrap p = {p} from {replicates} replicates): the fingerprint has a component the fair model does not explain.",
  "reading.noFraudNotRejected":
    "At the {level}% level the no-fraud model is not rejected (likelihood ratio {statistic}, bootstrap p = {p} from {replicates} replicates): the fitted fraud shares are not distinguishable from zero.",
  "reading.noFraudNotTested":
    "Likelihood ratio of the fraud model against no fraud: {statistic}; not tested (no bootstrap replicates).",
  "reading.onBound":
    "Parameters of the fit on a bound of their range (not an interior optimum; read the intervals with care): {count}.",
  "reading.fingerprintCaveat":
    "Caveat: these are parameters of a stylised model (normal fair distributions, one fraud mechanism); heterogeneous regions or genuine mobilisation also smear results towards high turnout and high leader share, and the intervals reflect sampling only.",
  "reading.digits":
    "Digit tests compare last and second digits with what honest counting at these station sizes would give. They are weak on real data: small electorates, a few dominant parties and strategic voting move digits without fraud, and careful falsifiers leave digits alone. Treat a deviation only as a reason to look further.",
  "reading.arithmeticPass":
    "Every station's protocol satisfies the control relations. Consistent arithmetic is necessary, not sufficient: figures can be changed consistently.",
  "reading.arithmeticFail":
    "{count} stations fail at least one control relation; check their paper protocols. A failure can be a typing error as well as tampering.",
  "reading.allRead": "All {rows} rows of the file were analysed.",
  "reading.someLeftOut":
    "{excluded} of {rows} rows were left out of the analysis; every test covers the remaining stations only. Rows without a published protocol or with failing arithmetic can themselves be a finding: check where they concentrate.",
  "reading.breakdown":
    "Where excess whole percentages concentrate. An area's z compares it with its own null; with many areas some high z values arise by chance.",
  "reason.no-protocol": "no published protocol",
  "reason.missing-count": "a count is missing",
  "reason.unreadable-count": "a count cannot be read",
  "reason.short-row": "the row is shorter than the header",
  "reason.votes-above-registered": "more votes than registered voters",
  "reason.control-failure": "the protocol's arithmetic fails",
  "line.registered": "registered voters",
  "line.received": "ballots received",
  "line.issued": "ballots issued",
  "line.issuedEarly": "ballots issued early",
  "line.issuedInStation": "ballots issued in the station",
  "line.issuedOutside": "ballots issued outside the station",
  "line.cancelled": "ballots cancelled",
  "line.mobileBoxes": "ballots in mobile boxes",
  "line.stationaryBoxes": "ballots in stationary boxes",
  "line.valid": "valid ballots",
  "line.invalid": "invalid ballots",
  "line.lost": "ballots lost",
  "line.unaccounted": "ballots not accounted for at receipt",
  "line.contestants": "votes for all contestants",
  "level.country": "country",
  "level.region": "region",
  "level.constituency": "constituency",
  "level.district": "district",
  "level.municipality": "municipality",
  "level.settlement": "settlement",
  "level.commission": "election commission",
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
  "forensics.reading": "Что это значит",
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
  "forensics.caveat":
    "Статистические тесты официальных результатов — сигналы, а не доказательства: каждый может сработать по честным причинам (округление комиссиями, особые участки, малое число избирателей, политические различия регионов) и каждый может не заметить фальсификацию. Читайте их вместе, ищите, где они сосредоточены, и сверяйте соответствующие участки с отчётами наблюдателей и бумажными протоколами.",
  "reading.integer":
    "{observed} из {included} учтённых участков сообщают целый процент явки или результата лидера; при честном подсчёте ожидалось бы {expected} ± {sd} (полоса 99,9%: {band}).",
  "reading.integerBeyond":
    "Избыток в {excess} участков (z = {z}) больше, чем объясняет случайность: признак того, что часть цифр подогнана под круглые значения, а не подсчитана.",
  "reading.integerWithin":
    "Избыток в {excess} участков (z = {z}) в пределах того, что объясняет случайность.",
  "reading.integerCaveat":
    "Оговорка: нулевая модель предполагает биномиальный разброс вокруг собственного результата каждого участка; тест ничего не говорит о том, какие участки и кто изменил цифры.",
  "reading.fingerprint":
    "Модель фальсификаций Климека и соавторов лучше всего описывает данные при «постепенных» вбросах на {fi} и «крайних» фальсификациях на {fe} участков.",
  "reading.noFraudRejected":
    "На уровне {level}% модель без фальсификаций отвергается (отношение правдоподобия {statistic}, бутстреп p = {p} по {replicates} повторениям): в «отпечатке» есть составляющая, которую честная модель не объясняет.",
  "reading.noFraudNotRejected":
    "На уровне {level}% модель без фальсификаций не отвергается (отношение правдоподобия {statistic}, бутстреп p = {p} по {replicates} повторениям): оценённые доли фальсификаций неотличимы от нуля.",
  "reading.noFraudNotTested":
    "Отношение правдоподобия модели с фальсификациями к модели без них: {statistic}; проверка не проводилась (бутстреп-повторений нет).",
  "reading.onBound":
    "Параметры подгонки на границе допустимой области (это не внутренний оптимум; интервалы читайте с осторожностью): {count}.",
  "reading.fingerprintCaveat":
    "Оговорка: это параметры упрощённой модели (нормальные честные распределения, один механизм фальсификаций); неоднородность регионов или реальная мобилизация тоже растягивают результаты к высокой явке и высокой доле лидера, а интервалы учитывают только выборочную изменчивость.",
  "reading.digits":
    "Тесты цифр сравнивают последние и вторые цифры с тем, что дал бы честный подсчёт при таких размерах участков. На реальных данных они слабы: малое число избирателей, несколько крупных партий и стратегическое голосование сдвигают цифры без всяких фальсификаций, а аккуратный фальсификатор цифры не трогает. Отклонение — лишь повод посмотреть внимательнее.",
  "reading.arithmeticPass":
    "Протоколы всех участков удовлетворяют контрольным соотношениям. Согласованная арифметика необходима, но не достаточна: цифры можно изменить согласованно.",
  "reading.arithmeticFail":
    "Участков, нарушающих хотя бы одно контрольное соотношение: {count}; сверьте их бумажные протоколы. Нарушение может быть и опечаткой, и подлогом.",
  "reading.allRead": "Проанализированы все строки файла: {rows}.",
  "reading.someLeftOut":
    "Из {rows} строк в анализ не вошли {excluded}; все тесты относятся только к остальным участкам. Строки без опубликованного протокола или с несходящейся арифметикой сами по себе могут быть находкой: посмотрите, где они сосредоточены.",
  "reading.breakdown":
    "Где сосредоточен избыток целых процентов. z территории сравнивает её с её собственной нулевой моделью; при многих территориях отдельные высокие z возникают случайно.",
  "reason.no-protocol": "нет опубликованного протокола",
  "reason.missing-count": "не хватает одного из чисел",
  "reason.unreadable-count": "число не читается",
  "reason.short-row": "в строке меньше полей, чем в заголовке",
  "reason.votes-above-registered": "голосов больше, чем зарегистрированных избирателей",
  "reason.control-failure": "не сходятся контрольные соотношения протокола",
  "line.registered": "число избирателей в списке",
  "line.received": "получено бюллетеней",
  "line.issued": "выдано бюллетеней",
  "line.issuedEarly": "бюллетеней выдано досрочно",
  "line.issuedInStation": "бюллетеней выдано в помещении для голосования",
  "line.issuedOutside": "бюллетеней выдано вне помещения для голосования",
  "line.cancelled": "погашено бюллетеней",
  "line.mobileBoxes": "бюллетеней в переносных ящиках",
  "line.stationaryBoxes": "бюллетеней в стационарных ящиках",
  "line.valid": "действительных бюллетеней",
  "line.invalid": "недействительных бюллетеней",
  "line.lost": "утрачено бюллетеней",
  "line.unaccounted": "бюллетеней, не учтённых при получении",
  "line.contestants": "голоса за всех кандидатов",
  "level.country": "страна",
  "level.region": "регион",
  "level.constituency": "округ",
  "level.district": "район",
  "level.municipality": "муниципалитет",
  "level.settlement": "населённый пункт",
  "level.commission": "избирательная комиссия",
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
