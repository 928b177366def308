// Codes the server and the web app's own checks send, said in the reader's language: an analysis
// reason (why a figure is missing) and a validation problem of a form, through the catalogue.
import { analysisResults, ERROR_CODES, ERROR_PARAMS, type ErrorCode } from "@scrutiny/contract";
import {
  ElectionSetup,
  type FormDefinition,
  issueParams,
  parseImportedSample,
  parseRoster,
  parseStations,
  readCsvTable,
} from "@scrutiny/domain";
import { describe, expect, it } from "vitest";
import { catalogueLeaves } from "../../../test-support/catalogue.ts";
import { reasonText } from "../src/analysis/issues.ts";
import { ApiError } from "../src/api/client.ts";
import { en, ru } from "../src/i18n/catalogue.ts";
import beErrors from "../src/i18n/errors.be.json";
import { errorTranslator } from "../src/i18n/errorTexts.ts";
import { catalogueTranslator } from "../src/i18n/lookup.ts";
import { flagText } from "../src/observer/FormScreen.tsx";
import { translator as observerTranslator } from "../src/observer/i18n.ts";
import { apiErrorText } from "../src/ui/apiError.ts";
import { fileIssueText, issueKeys, issueText } from "../src/ui/issueText.ts";
import { catalogueTranslators } from "./support/translators.ts";

const { english, russian } = catalogueTranslators();

const cyrillic = /[\u0400-\u04FF]/;

describe("why a figure is missing", () => {
  it("has a text in both languages for every reason the contract declares", () => {
    for (const code of analysisResults.ANALYSIS_REASONS) {
      const reason = {
        code,
        params: {
          station: "S-1",
          stratum: "urban",
          sampled: 12,
          population: 10,
          probability: 0,
          category: "awful",
        },
      };
      const inEnglish = reasonText(reason, english);
      const inRussian = reasonText(reason, russian);
      expect(inEnglish, code).not.toBe(`analysis.issues.${code}`);
      expect(inRussian, code).toMatch(cyrillic);
      expect(inRussian, code).not.toMatch(/\{\{/);
    }
  });

  it("names the values the reason carries", () => {
    const reason = {
      code: "sample_exceeds_population",
      params: { stratum: "urban", sampled: 12, population: 10 },
    } as const;
    expect(reasonText(reason, russian)).toBe(
      "страта urban: в выборке 12 участков, больше, чем всего участков в страте (10)",
    );
    expect(
      reasonText(
        { code: "population_not_positive", params: { stratum: "N / rural", population: 0 } },
        russian,
      ),
    ).toBe("страта N / rural: число участков в страте должно быть положительным, а не 0");
    expect(reasonText({ code: "unknown_category", params: { category: "awful" } }, english)).toBe(
      "assessment “awful” is not one of the scale's categories",
    );
    expect(reasonText({ code: "no_protocols", params: {} }, russian)).toBe(
      "наблюдатели не передали ни одного протокола подсчёта",
    );
  });
});

describe("a form's problems", () => {
  const setup = {
    code: "x-2031",
    name: { en: "Municipal 2031" },
    country: "lt",
    electionDate: "2031-10-19",
    timeZone: "Mars/Olympus",
    languages: ["en", "en"],
    phases: [
      { code: "day", kind: "election_day", date: "2031-10-19", name: { en: "Day" }, opensAt: "7am" },
      { code: "early", kind: "early_voting", date: "2031-10-20", name: {} },
      { code: "day", kind: "count", date: "2031-10-19", name: { en: "Count" } },
    ],
    contests: [
      {
        code: "list",
        name: { en: "Council" },
        ballot: "parties",
        entries: [{ code: "L1", name: "One", party: "P" }],
      },
    ],
  };
  const problems = () => {
    const parsed = ElectionSetup.safeParse(setup);
    if (parsed.success) throw new Error("a broken set-up was accepted");
    return parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
      code: i.code,
      message: i.message,
      params: issueParams(i),
    }));
  };
  const at = (path: string) => {
    const found = problems().find((p) => p.path.join(".") === path);
    if (found === undefined) throw new Error(`no problem at ${path}`);
    return found;
  };

  it("says every problem of a broken election set-up from the catalogue, never the schema's English", () => {
    const all = problems();
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const problem of all) {
      const text = issueText(problem, russian);
      expect(text, `${problem.path.join(".")} ${problem.code}`).toMatch(cyrillic);
      expect(text).not.toBe(problem.message);
    }
  });

  it("uses the field's own message first, then the code by what it bounds, then the code", () => {
    expect(issueText(at("country"), russian)).toBe(
      "Страна указывается кодом ISO 3166 заглавными латинскими буквами, например LT.",
    );
    expect(issueText(at("phases.0.opensAt"), english)).toBe("A local time is written HH:MM, e.g. 07:00.");
    expect(issueText(at("phases.1.name"), russian)).toBe("Заполните это поле.");
    expect(issueText(at("languages.1"), russian)).toBe("«en» уже указано выше.");
    expect(issueText(at("phases.1.date"), russian)).toBe(
      "Досрочное голосование проходит раньше дня выборов (2031-10-19).",
    );
    expect(issueText(at("phases.2.code"), english)).toBe("day is already given above.");
    expect(issueText(at("contests.0.entries.0.party"), english)).toMatch(
      /^A party-list contest lists parties/,
    );
    expect(issueText(at("timeZone"), russian)).toMatch(/^Неизвестный часовой пояс/);
    expect(
      issueKeys({ path: ["name"], code: "too_small", message: "", params: { origin: "string", minimum: 3 } }),
    ).toEqual(["fieldIssues.fields.name.too_small", "fieldIssues.too_small_string", "fieldIssues.too_small"]);
    expect(
      issueText(
        { path: ["name"], code: "too_small", message: "", params: { origin: "string", minimum: 3 } },
        russian,
      ),
    ).toBe("Не меньше 3 знаков.");
  });

  it("keeps the sender's sentence for a code the catalogue does not know, so nothing is hidden", () => {
    expect(
      issueText({ code: "some_new_check", message: "station 7 is closed", path: ["body"] }, russian),
    ).toBe("station 7 is closed");
  });

  it("says a refused request by its code", () => {
    const refused = new ApiError(400, "invalid_request", "body.country: bad", { issues: [{}, {}] });
    expect(apiErrorText(refused, russian)).toBe("Сервер отклонил запрос: найдено проблем: 2.");
    expect(apiErrorText(new ApiError(0, "network", "offline"), english)).toMatch(/cannot be reached/);
    expect(apiErrorText(new ApiError(422, "something_else", "a sentence"), english)).toBe(
      "The server answered with an error: a sentence",
    );
  });
});

describe("a refused request", () => {
  const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? "");
  const leaf = (catalogue: unknown, code: string): unknown =>
    (catalogue as { errors: { codes: Record<string, unknown> } }).errors.codes[code];

  it("has a text in both languages for every error code the contract declares, naming only its params", () => {
    expect(ERROR_CODES.length).toBeGreaterThan(40);
    for (const code of ERROR_CODES) {
      const english = leaf(en, code);
      const russian = leaf(ru, code);
      expect(typeof english, code).toBe("string");
      expect(typeof russian, code).toBe("string");
      expect(russian as string, code).toMatch(cyrillic);
      // A placeholder the answer does not carry would be shown as "{{name}}" or as nothing.
      const declared = new Set([...Object.keys(ERROR_PARAMS[code].shape), "count"]);
      for (const name of placeholders(english as string))
        expect(declared, `${code}: ${name}`).toContain(name);
    }
  });

  it("says a refusal with its params in the reader's language, lists joined", () => {
    const taken = new ApiError(409, "username_taken", "the username anna is taken", undefined, {
      username: "anna",
    });
    expect(apiErrorText(taken, russian)).toBe("Имя пользователя anna уже занято.");
    expect(apiErrorText(taken, english)).toBe("The username anna is already taken.");
    const unknown = new ApiError(422, "unknown_station", "no station 7, 9 in this election", undefined, {
      codes: ["7", "9"],
    });
    expect(apiErrorText(unknown, russian)).toBe("В этих выборах нет избирательного участка 7, 9.");
  });

  it("shows the codes of a refusal by the names the page knows", () => {
    const inUse = new ApiError(409, "in_use", "phases early, main have reports", undefined, {
      what: "phases",
      codes: ["early", "main"],
    });
    const names: Record<string, string> = { early: "Досрочное голосование" };
    const label = (code: string) => names[code] ?? code;
    expect(apiErrorText(inUse, russian, label)).toBe(
      "По этапам Досрочное голосование, main уже есть отчёты или посещения: оставьте их в выборах.",
    );
    expect(apiErrorText(inUse, english)).toMatch(/^Phases early, main have reports/);
  });
});

describe("a problem of an imported file", () => {
  const table = (lines: string[]) => {
    const read = readCsvTable(lines.join("\n"));
    if (!read.ok) throw new Error("table");
    return read.value;
  };

  it("says every station and roster problem in Russian, with what it names", () => {
    const stations = parseStations(
      table([
        "code,name,region,voters,lat",
        "1,School,N,1200,10",
        "1,Again,N,many,95",
        ",Club,,450,",
        "2,Short line",
      ]),
      {
        code: "code",
        name: "name",
        registeredVoters: "voters",
        latitude: "lat",
        areas: [{ level: "region", code: "region" }],
      },
    );
    const roster = parseRoster(
      table(["code,name,phone,team", "70,Anna,29 123 45 67,T1", "101,,,T2", "101,Boris,,"]),
      { code: "code", name: "name", phone: "phone", team: "team" },
    );
    const issues = [...(stations.ok ? [] : stations.error), ...(roster.ok ? [] : roster.error)];
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        "duplicate_code",
        "not_a_number",
        "invalid_coordinate",
        "required",
        "field_count",
      ]),
    );
    for (const issue of issues) {
      const text = fileIssueText(issue, russian);
      expect(text, issue.message).toMatch(cyrillic);
      expect(text, issue.message).not.toMatch(/{{/);
    }
    const duplicate = issues.find((i) => i.code === "duplicate_code");
    expect(duplicate && fileIssueText(duplicate, russian)).toBe(
      "Код избирательного участка «1» уже есть в строке 2.",
    );
    expect(duplicate && fileIssueText(duplicate, english)).toBe(
      "Polling station code “1” is already on line 2.",
    );
  });
});

describe("a refusal that says what it is about", () => {
  const codes = (catalogue: unknown) =>
    (catalogue as { errors: { codes: Record<string, string> } }).errors.codes;
  /** The values of a code's `what` param, as the contract declares them. */
  const whats = (code: ErrorCode): readonly string[] => {
    const shape = ERROR_PARAMS[code].shape as Record<string, unknown>;
    const what = shape["what"] as { unwrap?: () => { options: readonly string[] } } | undefined;
    return what?.unwrap?.().options ?? [];
  };

  it("has a sentence in both languages for every `what` the contract declares, and none for another", () => {
    const declared = new Set<string>();
    for (const code of ERROR_CODES)
      for (const what of whats(code)) {
        declared.add(`${code}_${what}`);
        expect(typeof codes(en)[`${code}_${what}`], `${code}_${what}`).toBe("string");
        expect(codes(ru)[`${code}_${what}`], `${code}_${what}`).toMatch(cyrillic);
      }
    expect(declared.size).toBeGreaterThan(40);
    const variants = Object.keys(codes(en)).filter((key) => !(ERROR_CODES as string[]).includes(key));
    expect(variants.filter((key) => !declared.has(key))).toEqual([]);
  });

  it("names what was not found, what clashed and what is wrong with an account", () => {
    const missing = (params: Record<string, string>) =>
      new ApiError(404, "not_found", "whatever the server said", undefined, params);
    expect(apiErrorText(missing({ what: "phase", name: "early-2" }), russian)).toBe(
      "В этих выборах нет этапа «early-2».",
    );
    expect(apiErrorText(missing({ what: "publication" }), english)).toBe("There is no such publication.");
    expect(apiErrorText(missing({}), english)).toMatch(/^Not found/);
    const clash = new ApiError(409, "conflict", "x", undefined, { what: "mission_code", code: "ipaom" });
    expect(apiErrorText(clash, russian)).toBe("В этих выборах уже есть миссия с кодом ipaom.");
    const password = new ApiError(400, "invalid_account", "x", undefined, {
      what: "password",
      minimum: 12,
      maximum: 200,
    });
    expect(apiErrorText(password, russian)).toBe("Пароль должен содержать от 12 до 200 знаков.");
    const small = new ApiError(422, "stratum_too_small", "x", undefined, {
      stratum: "N / rural",
      stations: 3,
      size: 5,
    });
    expect(apiErrorText(small, russian)).toBe(
      "В страте «N / rural» избирательных участков меньше (3), чем для неё задано (5).",
    );
    const variable = new ApiError(422, "unknown_variable", "x", undefined, {
      variable: "district",
      known: ["region", "settlement"],
    });
    expect(apiErrorText(variable, english)).toBe(
      "“district” is neither an area level nor a polling station attribute; the stations have: region, settlement.",
    );
  });
});

describe("the same rule and texts in the observer app and the portal", () => {
  const everyFailure = (): ApiError[] => {
    const out: ApiError[] = [new ApiError(0, "network", "Failed to fetch")];
    for (const code of ERROR_CODES) {
      const params: Record<string, unknown> = {};
      for (const name of Object.keys(ERROR_PARAMS[code].shape))
        params[name] = name === "codes" ? ["7", "9"] : 3;
      delete params["what"];
      out.push(new ApiError(400, code, `the server's ${code}`, { issues: [{}, {}] }, params));
      for (const what of (
        (ERROR_PARAMS[code].shape as Record<string, unknown>)["what"] as
          | { unwrap: () => { options: readonly string[] } }
          | undefined
      )?.unwrap().options ?? [])
        out.push(new ApiError(400, code, `the server's ${code}`, undefined, { ...params, what }));
    }
    out.push(new ApiError(500, "something_new", "a sentence only the server has"));
    return out;
  };

  it("says every failure exactly as the staff app does, in English and in Russian", () => {
    for (const failure of everyFailure()) {
      expect(apiErrorText(failure, errorTranslator("en")), failure.code).toBe(apiErrorText(failure, english));
      expect(apiErrorText(failure, errorTranslator("ru")), failure.code).toBe(apiErrorText(failure, russian));
    }
  });

  it("reads Belarusian, then Russian, for Belarusian; English for a language without texts; the server's sentence last", () => {
    const offline = new ApiError(0, "network", "Failed to fetch");
    expect(apiErrorText(offline, errorTranslator("be"))).toBe(
      "Сервер недаступны. Праверце злучэнне і паспрабуйце зноў.",
    );
    const notObserver = new ApiError(403, "forbidden", "x", undefined, { what: "not_observer" });
    expect(apiErrorText(notObserver, errorTranslator("be"))).toMatch(/^Гэта не ўліковы запіс назіральніка/);
    // A refusal an observer does not meet has no Belarusian text of its own: Russian.
    const taken = new ApiError(409, "username_taken", "x", undefined, { username: "anna" });
    expect(apiErrorText(taken, errorTranslator("be"))).toBe(apiErrorText(taken, russian));
    expect(apiErrorText(offline, errorTranslator("fr"))).toMatch(/cannot be reached/);
    expect(apiErrorText(new ApiError(418, "teapot", "short and stout"), errorTranslator("ru"))).toBe(
      "Сервер ответил ошибкой: short and stout",
    );
    // A failure kept on the phone (a plain object from IndexedDB) reads the same as a fresh one.
    const kept = { status: 403, code: "forbidden", message: "no", params: { what: "not_observer" } };
    expect(apiErrorText(kept, errorTranslator("ru"))).toMatch(/^Это не учётная запись наблюдателя/);
  });

  it("has Belarusian texts only for keys the English has, with the same placeholders", () => {
    const english = catalogueLeaves(en);
    for (const [key, text] of catalogueLeaves({ errors: beErrors })) {
      expect(english.has(key), key).toBe(true);
      const names = (value: string) => [...value.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
      expect(names(text), key).toEqual(names(english.get(key) ?? ""));
      // Belarusian, not the Russian text copied.
      expect(text, key).toMatch(cyrillic);
      expect(text, key).not.toBe(catalogueLeaves(ru).get(key));
    }
  });

  it("picks plural forms and contexts as i18next does", () => {
    const t = catalogueTranslator([
      ["ru", { a: { n_one: "{{count}} участок", n_few: "{{count}} участка", n_many: "{{count}} участков" } }],
    ]);
    expect([1, 3, 5, 21].map((count) => t("a.n", { count }))).toEqual([
      "1 участок",
      "3 участка",
      "5 участков",
      "21 участок",
    ]);
    expect(t("a.missing", { defaultValue: "fallback" })).toBe("fallback");
  });
});

describe("a problem of an imported sample plan", () => {
  const table = (lines: string[]) => {
    const read = readCsvTable(lines.join("\n"));
    if (!read.ok) throw new Error("table");
    return read.value;
  };
  const problems = (stations: string[], strata?: string[]) => {
    const parsed = parseImportedSample(table(stations), strata === undefined ? undefined : table(strata));
    if (parsed.ok) throw new Error("a broken sample was accepted");
    return parsed.error;
  };

  it("says every problem of the stations and strata files in Russian, with what it names", () => {
    const issues = [
      ...problems(["name,weight", "School,0.5"]),
      ...problems(["station,probability", "1,0.5", "1,0.4", ",0.3", "2,1.5"]),
      ...problems(
        ["station,stratum", "1,urban", "2,rural", "3,"],
        ["stratum,N_h,n_h", "urban,10,1", "urban,9,1"],
      ),
      ...problems(["station,stratum", "1,urban"], ["stratum,N_h,n_h", "urban,x,0", ",3,1", "rural,2,5"]),
      ...problems(["station,stratum", "1,urban"], ["stratum,N_h,n_h", "urban,10,3"]),
      ...problems(["station,stratum", "1,urban"], ["stratum,population"]),
    ];
    expect(new Set(issues.map((i) => i.code))).toEqual(
      new Set([
        "missing_column",
        "duplicate_station",
        "missing_station",
        "invalid_probability",
        "duplicate_stratum",
        "unknown_stratum",
        "missing_stratum",
        "invalid_size",
        "sample_size_mismatch",
      ]),
    );
    for (const issue of issues) {
      const text = fileIssueText(issue, russian);
      expect(text, issue.message).toMatch(cyrillic);
      expect(text, issue.message).not.toMatch(/{{/);
      expect(fileIssueText(issue, english), issue.message).not.toBe(issue.message);
    }
    const mismatch = issues.find((i) => i.code === "sample_size_mismatch");
    expect(mismatch && fileIssueText(mismatch, russian)).toBe(
      "n_h страты «urban» равно 3, а в файле участков из неё перечислено: 1.",
    );
    const noProbability = issues.find((i) => i.params?.["what"] === "probability");
    expect(noProbability && fileIssueText(noProbability, english)).toBe(
      "The file has no column of inclusion probabilities: name it one of probability, inclusion_probability, inclusion probability, pi, π, or give the strata with N_h and n_h.",
    );
  });
});

describe("a flag the product raises, in the phone's language", () => {
  it("says a position far from the station from its values, the question by its label", () => {
    const form = {
      items: [{ type: "geopoint", name: "here", label: { en: "Where are you?", ru: "Где вы?" } }],
    } as unknown as FormDefinition;
    const flag = {
      checkId: "here.distance",
      message: "here: 1180 m from the station (at most 400 m expected)",
      params: { question: "here", name: "here", metres: 1180, maximum: 400 },
    };
    expect(flagText(flag, form, "ru", observerTranslator("ru"))).toBe(
      "«Где вы?»: 1180 м от избирательного участка (ожидается не больше 400 м).",
    );
    // A form's own check comes in the form's language already.
    expect(
      flagText({ checkId: "c1", message: "Проверьте очередь" }, form, "ru", observerTranslator("ru")),
    ).toBe("Проверьте очередь");
  });
});
