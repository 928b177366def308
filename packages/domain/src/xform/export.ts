// A form definition as an ODK XForm (the W3C XForms subset ODK Collect and Enketo read, see
// https://getodk.github.io/xforms-spec/). Questions keep their names as instance nodes, groups
// nest, skip logic, constraints and required become binds, every language becomes an itext
// translation. The caller may add one leading question (`stop`: which stop of the observer's
// route the report is about) and the form's id and version become the instance's attributes.
// `meta/instanceID` (a UUID from ODK Collect) is the report's id, `meta/timeEnd` when it was
// finished, so a resent submission is recognised as the same report.
// As pyxform writes them: repeats are a group around a `repeat` (with `jr:template` in the
// instance and `jr:count` for repeat_count), calculations are binds without a control, a
// cascading select is an itemset over a secondary instance of its list (labels by itext id),
// or_other adds the choice `other` and a text `<name>_other`, range and acknowledge are
// `range` and `trigger` controls. A select_*_from_file whose file is stored with the form, and a
// pulldata() CSV, are secondary instances of the form's media (`jr://file-csv/<file>.csv`,
// `jr://file/<file>.xml|.geojson`), which ODK Collect downloads through the form's manifest.
import type { Expr } from "../expressions/ast.ts";
import { parseExpression } from "../expressions/parser.ts";
import {
  choicesOf,
  DEFAULT_TEXT_MAX_LENGTH,
  type FormDefinition,
  type FormItem,
  isQuestion,
  type LocalizedText,
  type MediaLabels,
  type Question,
} from "../forms/definition.ts";
import { defaultFileColumns, fileExtension } from "../xlsform/files.ts";
import { toXPath } from "./xpath.ts";

export const XFORM_ROOT = "data";
/** Attachment questions are ODK uploads of these media types. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  image: "image/*",
  audio: "audio/*",
  video: "video/*",
  file: "application/*",
};
export const STOP_FIELD = "scrutiny_stop";
/** Media label kinds as XForm itext forms and the jr:// folder ODK Collect finds the file in. */
const MEDIA_FORMS: Readonly<Record<keyof MediaLabels, readonly [string, string]>> = {
  image: ["image", "jr://images/"],
  bigImage: ["big-image", "jr://images/"],
  audio: ["audio", "jr://audio/"],
  video: ["video", "jr://video/"],
};

export interface XFormStopChoice {
  readonly value: string;
  readonly label: string;
}

export interface XFormOptions {
  /** The form id as ODK sees it (formID); defaults to the definition's id. */
  readonly formId?: string;
  /** Choices of a required first question naming the stop (visit) of the observer's route. */
  readonly stops?: {
    readonly label: LocalizedText;
    readonly choices: readonly XFormStopChoice[];
  };
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

/** The XForm bind type of a question. */
export function xformType(question: Question): string {
  switch (question.type) {
    case "integer":
      return "int";
    case "decimal":
      return "decimal";
    case "time":
      return "time";
    case "date":
      return "date";
    case "datetime":
      return "dateTime";
    case "geopoint":
      return "geopoint";
    case "range":
      return [question.start, question.end, question.step].every(Number.isInteger) ? "int" : "decimal";
    case "barcode":
      return "barcode";
    case "image":
    case "audio":
    case "video":
    case "file":
      return "binary";
    default:
      return "string";
  }
}

interface Writer {
  readonly instance: string[];
  readonly binds: string[];
  readonly body: string[];
  readonly texts: Map<string, Map<string, string>>;
  /** Media of itext entries (label images, audio, video), each language's `<value form=...>`s. */
  readonly media: Map<string, Map<string, string[]>>;
  /** Secondary instances of choice lists that cascading selects filter, by list name. */
  readonly lists: Map<string, string>;
}

export function formToXForm(form: FormDefinition, options: XFormOptions = {}): string {
  const paths = new Map<string, string>();
  const collect = (items: readonly FormItem[], base: string) => {
    for (const item of items) {
      const path = `${base}/${item.name}`;
      paths.set(item.name, path);
      if (item.type === "group" || item.type === "repeat") collect(item.items, path);
      if ((item.type === "select_one" || item.type === "select_multiple") && item.orOther === true)
        paths.set(`${item.name}_other`, `${base}/${item.name}_other`);
    }
  };
  collect(form.items, `/${XFORM_ROOT}`);
  const pathOf = (name: string) => paths.get(name) ?? `/${XFORM_ROOT}/${name}`;
  const parse = (source: string, choiceFields = false): Expr => {
    const parsed = parseExpression(source, { choiceFields });
    // Stored forms passed safeParseFormDefinition, which parses every expression.
    if (!parsed.ok) throw new Error(`invalid expression ${source}: ${parsed.error.message}`);
    return parsed.value;
  };
  const xpath = (source: string | undefined): string | undefined =>
    source === undefined ? undefined : toXPath(parse(source), pathOf);

  const w: Writer = {
    instance: [],
    binds: [],
    body: [],
    texts: new Map(),
    media: new Map(),
    lists: new Map(),
  };
  const addText = (id: string, text: LocalizedText | undefined): boolean => {
    if (text === undefined) return false;
    const byLanguage = new Map<string, string>();
    for (const language of form.languages) {
      const value = text[language] ?? text[form.defaultLanguage] ?? Object.values(text)[0];
      if (value !== undefined) byLanguage.set(language, value);
    }
    w.texts.set(id, byLanguage);
    return true;
  };
  /** A media label's files kept with the form, as pyxform writes them (jr://images/...). */
  const addMedia = (id: string, media: MediaLabels | undefined): boolean => {
    const byLanguage = new Map<string, string[]>();
    for (const [kind, files] of Object.entries(media ?? {}) as [keyof MediaLabels, LocalizedText][])
      for (const language of form.languages) {
        const file = files[language] ?? files[form.defaultLanguage] ?? Object.values(files)[0];
        if (file === undefined || form.mediaFiles?.[file] === undefined) continue;
        const [attr, scheme] = MEDIA_FORMS[kind];
        byLanguage.set(language, [
          ...(byLanguage.get(language) ?? []),
          `<value form="${attr}">${scheme}${escapeXml(file)}</value>`,
        ]);
      }
    if (byLanguage.size === 0) return false;
    w.media.set(id, byLanguage);
    return true;
  };
  const label = (id: string, text: LocalizedText | undefined, tag = "label", media?: MediaLabels) => {
    const hasText = addText(id, text);
    return addMedia(id, media) || hasText ? `<${tag} ref="jr:itext('${id}')"/>` : "";
  };

  if (options.stops !== undefined) {
    const path = `/${XFORM_ROOT}/${STOP_FIELD}`;
    w.instance.push(`<${STOP_FIELD}/>`);
    w.binds.push(`<bind nodeset="${path}" type="string" required="true()"/>`);
    w.body.push(
      `<select1 ref="${path}">${label(`${path}:label`, options.stops.label)}${options.stops.choices
        .map(
          (choice, i) =>
            `<item>${label(`${path}/${i}:label`, Object.fromEntries(form.languages.map((l) => [l, choice.label])))}<value>${escapeXml(choice.value)}</value></item>`,
        )
        .join("")}</select1>`,
    );
  }

  /** A file of the form's media as a secondary instance (jr://file-csv/ for CSV, as pyxform). */
  const externals = new Map<string, string>();
  const externalInstance = (file: string): string => {
    const id = file.replace(/\.[^.]+$/, "");
    const scheme = fileExtension(file) === "csv" ? "jr://file-csv" : "jr://file";
    externals.set(id, `<instance id="${escapeXml(id)}" src="${scheme}/${escapeXml(file)}"/>`);
    return id;
  };
  // pulldata('file', ...) reads the CSV the manifest lists, through an instance of that id.
  for (const file of Object.keys(form.dataFiles ?? {}))
    if (form.mediaFiles?.[`${file}.csv`] !== undefined) externalInstance(`${file}.csv`);

  /** A secondary instance of the list, for an itemset; item labels are itext ids. */
  const listInstance = (listName: string): string => {
    const id = `list_${listName}`;
    if (!w.lists.has(listName)) {
      const items = (form.choiceLists[listName] ?? []).map((choice, i) => {
        const textId = `${id}-${i}`;
        addText(textId, choice.label);
        addMedia(textId, choice.media);
        const properties = Object.entries(choice.properties ?? {})
          .filter(([key]) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) && key !== "name" && key !== "itextId")
          .map(([key, value]) => `<${key}>${escapeXml(value)}</${key}>`)
          .join("");
        return `<item><itextId>${textId}</itextId><name>${escapeXml(choice.name)}</name>${properties}</item>`;
      });
      w.lists.set(listName, `<instance id="${id}"><root>${items.join("")}</root></instance>`);
    }
    return id;
  };

  const writeQuestion = (item: Question, path: string, relevant: string | undefined, body: string[]) => {
    const attrs = [`nodeset="${path}"`, `type="${xformType(item)}"`];
    if (relevant !== undefined) attrs.push(`relevant="${escapeXml(relevant)}"`);
    if (item.type === "calculate") {
      if (item.calculation !== undefined)
        attrs.push(`calculate="${escapeXml(xpath(item.calculation) ?? "")}"`);
      attrs.push('readonly="true()"');
      w.binds.push(`<bind ${attrs.join(" ")}/>`);
      return;
    }
    if (item.required === true) attrs.push('required="true()"');
    else if (item.requiredWhen !== undefined)
      attrs.push(`required="${escapeXml(xpath(item.requiredWhen) ?? "false()")}"`);
    const constraint = constraintOf(item, xpath);
    if (constraint !== undefined) attrs.push(`constraint="${escapeXml(constraint)}"`);
    if (item.constraintMessage !== undefined && addText(`${path}:constraintMsg`, item.constraintMessage))
      attrs.push(`jr:constraintMsg="jr:itext('${path}:constraintMsg')"`);
    w.binds.push(`<bind ${attrs.join(" ")}/>`);
    const heading = `${label(`${path}:label`, item.label, "label", item.media)}${label(`${path}:hint`, item.hint, "hint")}`;
    if ("listName" in item) {
      const tag = item.type === "select_multiple" ? "select" : "select1";
      const orOther =
        (item.type === "select_one" || item.type === "select_multiple") && item.orOther === true;
      const filter =
        (item.type === "select_one" || item.type === "select_multiple") && item.choiceFilter !== undefined
          ? toXPath(parse(item.choiceFilter, true), pathOf)
          : undefined;
      const fromFile =
        (item.type === "select_one" || item.type === "select_multiple") &&
        item.choicesFile !== undefined &&
        form.mediaFiles?.[item.choicesFile] !== undefined
          ? { file: item.choicesFile, columns: item.choicesFileColumns }
          : undefined;
      if (fromFile !== undefined) {
        // As pyxform: the file is the form's media (the manifest lists it), read by ODK Collect
        // as a secondary instance; CSV columns and XML/GeoJSON items are its items' fields.
        const id = externalInstance(fromFile.file);
        const columns = { ...defaultFileColumns(fromFile.file), ...fromFile.columns };
        const predicate = filter === undefined ? "" : `[${escapeXml(filter)}]`;
        body.push(
          `<${tag} ref="${path}">${heading}<itemset nodeset="instance('${escapeXml(id)}')/root/item${predicate}"><value ref="${escapeXml(columns.value)}"/><label ref="${escapeXml(columns.label)}"/></itemset></${tag}>`,
        );
      } else if (filter !== undefined) {
        const id = listInstance(item.listName);
        body.push(
          `<${tag} ref="${path}">${heading}<itemset nodeset="instance('${id}')/root/item[${escapeXml(filter)}]"><value ref="name"/><label ref="jr:itext(itextId)"/></itemset></${tag}>`,
        );
      } else {
        const choices = choicesOf(form, item).map(
          (choice, i) =>
            `<item>${label(`${path}/${i}:label`, choice.label, "label", choice.media)}<value>${escapeXml(choice.name)}</value></item>`,
        );
        if (orOther && !choicesOf(form, item).some((choice) => choice.name === "other"))
          choices.push(
            `<item>${label(`${path}/other:label`, Object.fromEntries(form.languages.map((l) => [l, "Other"])))}<value>other</value></item>`,
          );
        body.push(`<${tag} ref="${path}">${heading}${choices.join("")}</${tag}>`);
      }
    } else if (MEDIA_TYPES[item.type] !== undefined) {
      body.push(`<upload ref="${path}" mediatype="${MEDIA_TYPES[item.type]}">${heading}</upload>`);
    } else if (item.type === "range") {
      body.push(
        `<range ref="${path}" start="${item.start}" end="${item.end}" step="${item.step}">${heading}</range>`,
      );
    } else if (item.type === "acknowledge") {
      body.push(`<trigger ref="${path}">${heading}</trigger>`);
    } else {
      body.push(`<input ref="${path}">${heading}</input>`);
    }
  };

  const writeItems = (items: readonly FormItem[], instance: string[], body: string[]) => {
    for (const item of items) {
      const path = pathOf(item.name);
      const relevant = xpath(item.relevant);
      if (item.type === "group" || item.type === "repeat") {
        const inner: string[] = [];
        const innerBody: string[] = [];
        writeItems(item.items, inner, innerBody);
        if (relevant !== undefined)
          w.binds.push(`<bind nodeset="${path}" relevant="${escapeXml(relevant)}"/>`);
        const heading = label(`${path}:label`, item.label, "label", item.media);
        if (item.type === "group") {
          instance.push(`<${item.name}>${inner.join("")}</${item.name}>`);
          body.push(`<group ref="${path}">${heading}${innerBody.join("")}</group>`);
          continue;
        }
        // The template ODK copies for each new instance, and no instance until one is added.
        instance.push(`<${item.name} jr:template="">${inner.join("")}</${item.name}>`);
        let count = "";
        if (item.repeatCount !== undefined) {
          const expr = parse(item.repeatCount);
          if (expr.kind === "ref") count = ` jr:count="${pathOf(expr.name)}"`;
          else {
            // jr:count takes a node: the expression goes into a calculation beside the repeat.
            const countName = `${item.name}_count`;
            const countPath = path.replace(/[^/]+$/, countName);
            instance.push(`<${countName}/>`);
            w.binds.push(
              `<bind nodeset="${countPath}" type="string" readonly="true()" calculate="${escapeXml(toXPath(expr, pathOf))}"/>`,
            );
            count = ` jr:count="${countPath}"`;
          }
        }
        body.push(
          `<group ref="${path}">${heading}<repeat nodeset="${path}"${count}>${innerBody.join("")}</repeat></group>`,
        );
        continue;
      }
      instance.push(`<${item.name}/>`);
      if (!isQuestion(item)) {
        const attrs = [`nodeset="${path}"`, 'type="string"', 'readonly="true()"'];
        if (relevant !== undefined) attrs.push(`relevant="${escapeXml(relevant)}"`);
        w.binds.push(`<bind ${attrs.join(" ")}/>`);
        body.push(
          `<input ref="${path}">${label(`${path}:label`, item.label, "label", item.media)}${label(`${path}:hint`, item.hint, "hint")}</input>`,
        );
        continue;
      }
      writeQuestion(item, path, relevant, body);
      if ((item.type === "select_one" || item.type === "select_multiple") && item.orOther === true) {
        const otherPath = pathOf(`${item.name}_other`);
        instance.push(`<${item.name}_other/>`);
        const asked = `selected(${path}, 'other')`;
        w.binds.push(
          `<bind nodeset="${otherPath}" type="string" required="true()" relevant="${escapeXml(relevant === undefined ? asked : `(${relevant}) and ${asked}`)}"/>`,
        );
        body.push(
          `<input ref="${otherPath}">${label(`${otherPath}:label`, Object.fromEntries(form.languages.map((l) => [l, "Specify other"])))}</input>`,
        );
      }
    }
  };
  const instance: string[] = [];
  const body: string[] = [];
  writeItems(form.items, instance, body);
  w.instance.push(...instance);
  w.body.push(...body);
  w.instance.push("<meta><instanceID/><timeEnd/></meta>");
  w.binds.push(
    `<bind nodeset="/${XFORM_ROOT}/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>`,
    `<bind nodeset="/${XFORM_ROOT}/meta/timeEnd" type="dateTime" jr:preload="timestamp" jr:preloadParams="end"/>`,
  );

  const translations = form.languages
    .map(
      (language) =>
        `<translation lang="${escapeXml(language)}"${language === form.defaultLanguage ? ' default="true()"' : ""}>${[
          ...new Set([...w.texts.keys(), ...w.media.keys()]),
        ]
          .flatMap((id) => {
            const value = w.texts.get(id)?.get(language);
            const media = w.media.get(id)?.get(language) ?? [];
            return value === undefined && media.length === 0
              ? []
              : [
                  `<text id="${escapeXml(id)}">${value === undefined ? "" : `<value>${escapeXml(value)}</value>`}${media.join("")}</text>`,
                ];
          })
          .join("")}</translation>`,
    )
    .join("");
  const title = form.title[form.defaultLanguage] ?? Object.values(form.title)[0] ?? form.id;
  const formId = options.formId ?? form.id;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
    `<h:head><h:title>${escapeXml(title)}</h:title>`,
    `<model odk:xforms-version="1.0.0"><itext>${translations}</itext>`,
    `<instance><${XFORM_ROOT} id="${escapeXml(formId)}" version="${form.version}">${w.instance.join("")}</${XFORM_ROOT}></instance>`,
    ...w.lists.values(),
    ...externals.values(),
    w.binds.join(""),
    "</model></h:head>",
    `<h:body>${w.body.join("")}</h:body>`,
    "</h:html>",
  ].join("\n");
}

/** The question's own constraint and_ed with its numeric bounds (XForms has no min/max attributes). */
function constraintOf(
  question: Question,
  xpath: (source: string | undefined) => string | undefined,
): string | undefined {
  const parts: string[] = [];
  if ((question.type === "integer" || question.type === "decimal") && question.min !== undefined)
    parts.push(`. >= ${question.min}`);
  if ((question.type === "integer" || question.type === "decimal") && question.max !== undefined)
    parts.push(`. <= ${question.max}`);
  if (question.type === "text")
    parts.push(`string-length(.) <= ${question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH}`);
  const own = xpath(question.constraint);
  if (own !== undefined) parts.push(own);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(" and ");
}
