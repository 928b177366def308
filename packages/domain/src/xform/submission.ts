// An XForm instance (what ODK Collect submits) read back into Scrutiny answers, by the form it
// names: each question's node is found at its path, converted to the answer type the form
// declares, and left for the domain's validation (the same as every other channel) to judge.
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import type { AnswerValue, RepeatInstance } from "../forms/answer-types.ts";
import type { FormDefinition, FormItem } from "../forms/definition.ts";
import { isQuestion } from "../forms/definition.ts";
import { parseXml, type XmlElement, XmlError } from "../xlsform/xml.ts";
import { STOP_FIELD } from "./export.ts";

export interface XFormInstance {
  /** The instance's root `id` and `version` attributes (formID and form version). */
  readonly formId: string;
  readonly version: string | undefined;
  /** meta/instanceID without its `uuid:` prefix. */
  readonly instanceId: string | undefined;
  /** meta/timeEnd: when the observer finished the form (device clock). */
  readonly timeEnd: string | undefined;
  readonly stop: string | undefined;
}

/** Reads the instance's identity (which form, which version, which report) before the form is known. */
export function readXFormInstance(
  xml: string,
): Result<{ root: XmlElement; instance: XFormInstance }, InputIssue[]> {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    const message = error instanceof XmlError ? error.message : "unreadable XML";
    return err([{ path: ["xml_submission_file"], code: "invalid_xml", message }]);
  }
  const formId = root.attrs["id"];
  if (formId === undefined || formId === "")
    return err([
      {
        path: ["xml_submission_file"],
        code: "missing_form_id",
        message: "the instance root has no id attribute",
      },
    ]);
  const meta = child(root, "meta");
  const instanceId = text(meta && child(meta, "instanceID"))?.replace(/^uuid:/, "");
  return ok({
    root,
    instance: {
      formId,
      version: root.attrs["version"],
      instanceId: instanceId === "" ? undefined : instanceId,
      timeEnd: text(meta && child(meta, "timeEnd")) || undefined,
      stop: text(child(root, STOP_FIELD)) || undefined,
    },
  });
}

/**
 * The answers in an instance of `form`, converted to their declared types (empty nodes are
 * unanswered); each repeat instance (one element each, in order) becomes one record.
 */
export function xformAnswers(root: XmlElement, form: FormDefinition): Record<string, AnswerValue> {
  const read = (items: readonly FormItem[], parent: XmlElement, answers: Record<string, AnswerValue>) => {
    for (const item of items) {
      if (item.type === "repeat") {
        const instances = children(parent, item.name)
          .filter((node) => node.attrs["jr:template"] === undefined)
          .map((node) => read(item.items, node, {}) as RepeatInstance);
        if (instances.length > 0) answers[item.name] = instances;
        continue;
      }
      const node = child(parent, item.name);
      if (node === undefined) continue;
      if (item.type === "group") {
        read(item.items, node, answers);
        continue;
      }
      if (!isQuestion(item)) continue;
      const raw = text(node) ?? "";
      if (raw.trim() !== "") answers[item.name] = convert(item.type, raw);
      if ((item.type === "select_one" || item.type === "select_multiple") && item.orOther === true) {
        const other = text(child(parent, `${item.name}_other`)) ?? "";
        if (other.trim() !== "") answers[`${item.name}_other`] = other;
      }
    }
    return answers;
  };
  return read(form.items, root, {});
}

function convert(type: string, raw: string): AnswerValue {
  const value = raw.trim();
  switch (type) {
    case "select_multiple":
      return value.split(/\s+/);
    case "integer":
    case "decimal":
    case "range": {
      const number = Number(value);
      // Not a number: kept as text, so validation names the question and says what is wrong.
      return Number.isFinite(number) ? number : value;
    }
    case "time":
      // ODK writes 14:05:00.000+03:00; Scrutiny answers are HH:MM.
      return /^\d{2}:\d{2}/.test(value) ? value.slice(0, 5) : value;
    case "date":
      return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    case "text":
      return raw;
    default:
      return value;
  }
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

function text(element: XmlElement | undefined): string | undefined {
  if (element === undefined) return undefined;
  return element.children.map((c) => (typeof c === "string" ? c : text(c))).join("");
}
