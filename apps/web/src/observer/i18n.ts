// The observer app's own words in English, Russian and Belarusian. A small dictionary instead of
// i18next keeps the phone app's script small; forms bring their own translations.
import { createContext, useContext } from "react";
import { errorTranslator } from "../i18n/errorTexts.ts";
import { apiErrorText } from "../ui/apiError.ts";

export const OBSERVER_LANGUAGES = ["en", "ru", "be"] as const;
export type ObserverLanguage = (typeof OBSERVER_LANGUAGES)[number];

const en = {
  appName: "Scrutiny observer",
  language: "Language",
  "signIn.title": "Sign in",
  "signIn.lead": "Use the username and access code your coordinator gave you.",
  "signIn.username": "Username",
  "signIn.accessCode": "Access code",
  "signIn.submit": "Sign in",
  "signIn.failed": "Wrong username or access code.",
  "signIn.offline":
    "You are offline. The first sign-in needs a connection; after that the app works without one.",
  "signIn.error": "Could not sign in: {message}",
  "signIn.again": "Your session has ended. Sign in again to send your reports; they are kept on this phone.",
  "status.online": "Online",
  "status.offline": "Offline: reports are kept on this phone",
  "status.pending": "{count} waiting to be sent",
  "status.allSent": "All reports sent",
  "status.sendNow": "Send now",
  "status.sending": "Sending…",
  "status.nextTry": "Next try {time}",
  "status.updated": "Route updated {time}",
  signOut: "Sign out",
  "signOut.confirm":
    "{count} report(s) are not sent yet. They stay on this phone and are sent after you sign in again. Sign out?",
  "route.title": "My route",
  "route.phases": "Phases",
  "route.none": "No stations on your route in this phase.",
  "route.team": "Team {code}",
  "route.checkIn": "Check in",
  "route.checkOut": "Check out",
  "route.arrived": "Arrived {time}",
  "route.departed": "Left {time}",
  "route.forms": "Forms",
  "route.draft": "draft",
  "route.noForms": "No forms for this phase yet.",
  "reports.title": "Reports",
  "reports.none": "No reports yet.",
  "reports.pending": "Waiting to be sent",
  "reports.sent": "Received",
  "reports.rejected": "Not accepted: {reason}",
  "reports.receipt": "Receipt {hash} · {time}",
  "reports.revision": "revision {n}",
  "reports.duplicate": "already received",
  "reports.amend": "Correct",
  "reports.fix": "Fix and send again",
  "reports.correction": "Correction",
  "form.back": "Back to route",
  "form.send": "Save and send",
  "form.sendCorrection": "Send correction",
  "form.draftSaved": "Draft saved on this phone",
  "form.fixFirst": "Correct the marked answers first ({count}).",
  "form.flags": "Please double-check",
  "form.distanceFlag": "“{question}”: {metres} m from the polling station (at most {maximum} m expected).",
  "form.reason": "Why are you correcting this report?",
  "form.reasonShort": "Say in a few words why (at least 3 characters).",
  "form.notFound": "This form or stop is no longer on your route.",
  "form.saved": "Saved. It will be sent as soon as there is a connection.",
  "form.amending": "Correcting a report sent {time}",
  "r.required": "required",
  "r.critical": "critical",
  "r.belowMin": "At least {min}.",
  "r.aboveMax": "At most {max}.",
  "r.notInteger": "A whole number, please.",
  "r.tooLong": "Too long.",
  "r.constraint": "This answer is not accepted.",
  "r.requiredMissing": "An answer is needed.",
  "r.other": "This answer is not accepted.",
  "r.clearChoice": "Clear",
  "r.attached": "Attached; kept on this phone until it is sent.",
  "r.attachmentUnavailable": "Photos and files cannot be added here.",
  "r.skipped": "skipped",
  "r.otherChoice": "Other",
  "r.otherText": "Say what:",
  "r.addInstance": "Add another",
  "r.removeInstance": "Remove this one",
  "r.notAnswered": "not answered",
  "r.usePosition": "Use my position",
  "r.locating": "Finding the position…",
  "r.positionUnavailable": "The phone could not give its position; type it in as latitude and longitude.",
  "r.acknowledge": "I confirm",
  loading: "Loading…",
};
export type MessageKey = keyof typeof en;

const ru: Record<MessageKey, string> = {
  appName: "Scrutiny: наблюдатель",
  language: "Язык",
  "signIn.title": "Вход",
  "signIn.lead": "Введите имя пользователя и код доступа, которые дал вам координатор.",
  "signIn.username": "Имя пользователя",
  "signIn.accessCode": "Код доступа",
  "signIn.submit": "Войти",
  "signIn.failed": "Неверное имя пользователя или код доступа.",
  "signIn.offline": "Нет связи. Для первого входа нужна связь; потом приложение работает и без неё.",
  "signIn.error": "Не удалось войти: {message}",
  "signIn.again": "Сеанс закончился. Войдите снова, чтобы отправить отчёты; они сохранены на телефоне.",
  "status.online": "На связи",
  "status.offline": "Нет связи: отчёты сохраняются на телефоне",
  "status.pending": "Ждут отправки: {count}",
  "status.allSent": "Все отчёты отправлены",
  "status.sendNow": "Отправить сейчас",
  "status.sending": "Отправка…",
  "status.nextTry": "Следующая попытка {time}",
  "status.updated": "Маршрут обновлён {time}",
  signOut: "Выйти",
  "signOut.confirm":
    "Не отправлено отчётов: {count}. Они останутся на телефоне и будут отправлены после нового входа. Выйти?",
  "route.title": "Мой маршрут",
  "route.phases": "Этапы",
  "route.none": "На этом этапе в вашем маршруте нет участков.",
  "route.team": "Группа {code}",
  "route.checkIn": "Прибыл",
  "route.checkOut": "Убыл",
  "route.arrived": "Прибытие {time}",
  "route.departed": "Убытие {time}",
  "route.forms": "Формы",
  "route.draft": "черновик",
  "route.noForms": "Для этого этапа форм пока нет.",
  "reports.title": "Отчёты",
  "reports.none": "Отчётов пока нет.",
  "reports.pending": "Ждёт отправки",
  "reports.sent": "Получен",
  "reports.rejected": "Не принят: {reason}",
  "reports.receipt": "Квитанция {hash} · {time}",
  "reports.revision": "редакция {n}",
  "reports.duplicate": "уже был получен",
  "reports.amend": "Исправить",
  "reports.fix": "Исправить и отправить снова",
  "reports.correction": "Исправление",
  "form.back": "К маршруту",
  "form.send": "Сохранить и отправить",
  "form.sendCorrection": "Отправить исправление",
  "form.draftSaved": "Черновик сохранён на телефоне",
  "form.fixFirst": "Сначала исправьте отмеченные ответы ({count}).",
  "form.flags": "Проверьте ещё раз",
  "form.distanceFlag":
    "«{question}»: {metres} м от избирательного участка (ожидается не больше {maximum} м).",
  "form.reason": "Почему вы исправляете отчёт?",
  "form.reasonShort": "Коротко напишите причину (не меньше 3 символов).",
  "form.notFound": "Этой формы или участка больше нет в вашем маршруте.",
  "form.saved": "Сохранено. Отчёт будет отправлен, как только появится связь.",
  "form.amending": "Исправление отчёта, отправленного {time}",
  "r.required": "обязательно",
  "r.critical": "критично",
  "r.belowMin": "Не меньше {min}.",
  "r.aboveMax": "Не больше {max}.",
  "r.notInteger": "Нужно целое число.",
  "r.tooLong": "Слишком длинно.",
  "r.constraint": "Такой ответ не принимается.",
  "r.requiredMissing": "Нужен ответ.",
  "r.other": "Такой ответ не принимается.",
  "r.clearChoice": "Очистить",
  "r.attached": "Прикреплено; хранится на телефоне до отправки.",
  "r.attachmentUnavailable": "Здесь нельзя прикрепить фото или файл.",
  "r.skipped": "пропущен",
  "r.otherChoice": "Другое",
  "r.otherText": "Что именно:",
  "r.addInstance": "Добавить ещё",
  "r.removeInstance": "Удалить",
  "r.notAnswered": "нет ответа",
  "r.usePosition": "Моё местоположение",
  "r.locating": "Определяем местоположение…",
  "r.positionUnavailable": "Телефон не смог определить местоположение; введите широту и долготу.",
  "r.acknowledge": "Подтверждаю",
  loading: "Загрузка…",
};

const be: Record<MessageKey, string> = {
  appName: "Scrutiny: назіральнік",
  language: "Мова",
  "signIn.title": "Уваход",
  "signIn.lead": "Увядзіце імя карыстальніка і код доступу, якія даў вам каардынатар.",
  "signIn.username": "Імя карыстальніка",
  "signIn.accessCode": "Код доступу",
  "signIn.submit": "Увайсці",
  "signIn.failed": "Няправільнае імя карыстальніка або код доступу.",
  "signIn.offline": "Няма сувязі. Для першага ўваходу патрэбна сувязь; потым праграма працуе і без яе.",
  "signIn.error": "Не ўдалося ўвайсці: {message}",
  "signIn.again": "Сеанс скончыўся. Увайдзіце зноў, каб адправіць справаздачы; яны захаваны на тэлефоне.",
  "status.online": "На сувязі",
  "status.offline": "Няма сувязі: справаздачы захоўваюцца на тэлефоне",
  "status.pending": "Чакаюць адпраўкі: {count}",
  "status.allSent": "Усе справаздачы адпраўлены",
  "status.sendNow": "Адправіць зараз",
  "status.sending": "Адпраўка…",
  "status.nextTry": "Наступная спроба {time}",
  "status.updated": "Маршрут абноўлены {time}",
  signOut: "Выйсці",
  "signOut.confirm":
    "Не адпраўлена справаздач: {count}. Яны застануцца на тэлефоне і будуць адпраўлены пасля новага ўваходу. Выйсці?",
  "route.title": "Мой маршрут",
  "route.phases": "Этапы",
  "route.none": "На гэтым этапе ў вашым маршруце няма ўчасткаў.",
  "route.team": "Група {code}",
  "route.checkIn": "Прыбыў",
  "route.checkOut": "Выбыў",
  "route.arrived": "Прыбыццё {time}",
  "route.departed": "Выбыццё {time}",
  "route.forms": "Формы",
  "route.draft": "чарнавік",
  "route.noForms": "Для гэтага этапу формаў пакуль няма.",
  "reports.title": "Справаздачы",
  "reports.none": "Справаздач пакуль няма.",
  "reports.pending": "Чакае адпраўкі",
  "reports.sent": "Атрымана",
  "reports.rejected": "Не прынята: {reason}",
  "reports.receipt": "Квітанцыя {hash} · {time}",
  "reports.revision": "рэдакцыя {n}",
  "reports.duplicate": "ужо была атрымана",
  "reports.amend": "Выправіць",
  "reports.fix": "Выправіць і адправіць зноў",
  "reports.correction": "Выпраўленне",
  "form.back": "Да маршруту",
  "form.send": "Захаваць і адправіць",
  "form.sendCorrection": "Адправіць выпраўленне",
  "form.draftSaved": "Чарнавік захаваны на тэлефоне",
  "form.fixFirst": "Спачатку выпраўце адзначаныя адказы ({count}).",
  "form.flags": "Праверце яшчэ раз",
  "form.distanceFlag": "«{question}»: {metres} м ад выбарчага ўчастка (чакаецца не больш за {maximum} м).",
  "form.reason": "Чаму вы выпраўляеце справаздачу?",
  "form.reasonShort": "Коратка напішыце прычыну (не менш за 3 сімвалы).",
  "form.notFound": "Гэтай формы або ўчастка больш няма ў вашым маршруце.",
  "form.saved": "Захавана. Справаздача будзе адпраўлена, як толькі з'явіцца сувязь.",
  "form.amending": "Выпраўленне справаздачы, адпраўленай {time}",
  "r.required": "абавязкова",
  "r.critical": "крытычна",
  "r.belowMin": "Не менш за {min}.",
  "r.aboveMax": "Не больш за {max}.",
  "r.notInteger": "Патрэбны цэлы лік.",
  "r.tooLong": "Занадта доўга.",
  "r.constraint": "Такі адказ не прымаецца.",
  "r.requiredMissing": "Патрэбны адказ.",
  "r.other": "Такі адказ не прымаецца.",
  "r.clearChoice": "Ачысціць",
  "r.attached": "Прымацавана; захоўваецца на тэлефоне да адпраўкі.",
  "r.attachmentUnavailable": "Тут нельга прымацаваць фота або файл.",
  "r.skipped": "прапушчаны",
  "r.otherChoice": "Іншае",
  "r.otherText": "Што менавіта:",
  "r.addInstance": "Дадаць яшчэ",
  "r.removeInstance": "Выдаліць",
  "r.notAnswered": "няма адказу",
  "r.usePosition": "Маё месцазнаходжанне",
  "r.locating": "Вызначаем месцазнаходжанне…",
  "r.positionUnavailable": "Тэлефон не змог вызначыць месцазнаходжанне; увядзіце шырыню і даўжыню.",
  "r.acknowledge": "Пацвярджаю",
  loading: "Загрузка…",
};

export const dictionaries: Readonly<Record<ObserverLanguage, Record<MessageKey, string>>> = { en, ru, be };
export const languageNames: Readonly<Record<ObserverLanguage, string>> = {
  en: "English",
  ru: "Русский",
  be: "Беларуская",
};

export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

export function translator(language: ObserverLanguage): Translate {
  const dictionary = dictionaries[language];
  return (key, values) =>
    dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole));
}

const STORAGE_KEY = "scrutiny.observer.language";

export function isObserverLanguage(value: unknown): value is ObserverLanguage {
  return typeof value === "string" && (OBSERVER_LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen on this phone, else the phone's own, else English. */
export function initialLanguage(): ObserverLanguage {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isObserverLanguage(stored)) return stored;
  } catch {
    // storage disabled: fall back to the phone's languages
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isObserverLanguage(base)) return base;
  }
  return "en";
}

export function rememberLanguage(language: ObserverLanguage): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered; still switched for this visit
  }
}

export const LanguageContext = createContext<{ language: ObserverLanguage; t: Translate }>({
  language: "en",
  t: translator("en"),
});

/**
 * A failed request in the phone's language: the staff app's rule and texts (ui/apiError.ts); a
 * sentence kept by an older version of the app as it is.
 */
export function failureText(failure: unknown, language: ObserverLanguage): string {
  return typeof failure === "string" ? failure : apiErrorText(failure, errorTranslator(language));
}

export function useT() {
  return useContext(LanguageContext);
}
