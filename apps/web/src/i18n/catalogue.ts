// The staff app's catalogue in each language: the app's own words (en.json, ru.json) and the texts
// of errors (errors.en.json, errors.ru.json), kept apart so that the observer app and the portal,
// which say errors through the same texts (ui/apiError.ts), load these and nothing else.
import enWords from "./en.json";
import enErrors from "./errors.en.json";
import ruErrors from "./errors.ru.json";
import ruWords from "./ru.json";

export const en = { ...enWords, errors: enErrors };
export const ru: typeof en = { ...ruWords, errors: ruErrors };
