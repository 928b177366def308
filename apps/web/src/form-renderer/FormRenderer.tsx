import {
  type AnswerValue,
  answerPath,
  checkSubmission,
  type FormDefinition,
  type FormItem,
  type Repeat,
  type RepeatInstance,
} from "@scrutiny/domain";
import type { ReactNode } from "react";
import {
  type Answers,
  type Context,
  type FormRendererProps,
  isUnanswered,
  pathIn,
  type Scope,
} from "./context.ts";
import { QuestionField, Text } from "./QuestionField.tsx";

export type { Answers, AttachmentHandler, FormRendererProps } from "./context.ts";

/**
 * A form as the person filling it in sees it: questions in order, skip logic applied (hidden
 * questions are not shown), repeats with one block per instance, cascading selects offering what
 * their filter keeps, the domain's validation shown at each question. Controlled: the answers live
 * with the caller, who saves drafts and sends them.
 */
export function FormRenderer(props: FormRendererProps) {
  const scope: Scope = { prefix: [], answers: props.answers, onAnswer: props.onAnswer };
  return (
    <div className="fr">
      <Items items={props.form.items} context={{ ...props, scope }} />
    </div>
  );
}

/**
 * The answers without those skip logic hides now (the server rejects answers to skipped
 * questions), inside repeat instances too, and without empty answers.
 */
export function answersToSend(form: FormDefinition, answers: Answers): Record<string, AnswerValue> {
  const report = checkSubmission(form, answers);
  const keep = (record: Answers, prefix: readonly (string | number)[]): Record<string, AnswerValue> => {
    const out: Record<string, AnswerValue> = {};
    for (const [name, value] of Object.entries(record)) {
      const path = answerPath([...prefix, name]);
      if (report.skipped.has(path) || isUnanswered(value)) continue;
      if (!isInstanceList(value)) {
        out[name] = value;
        continue;
      }
      // A repeat_count decides the number of instances: drop those beyond it (the count went down).
      const expected = report.instancesExpected.get(path);
      const instances = expected === undefined ? value : value.slice(0, expected);
      out[name] = instances.map(
        (instance, i) => keep(instance as Answers, [...prefix, name, i]) as RepeatInstance,
      );
    }
    for (const [path, expected] of report.instancesExpected) {
      // Instances shown but not answered yet still count (they may hold required questions).
      const name = path.split("/").at(-1) ?? path;
      if (answerPath([...prefix, name]) !== path || expected === 0) continue;
      const sent = (out[name] as readonly RepeatInstance[] | undefined) ?? [];
      if (sent.length < expected)
        out[name] = [...sent, ...Array.from({ length: expected - sent.length }, () => ({}))];
    }
    return out;
  };
  return keep(answers, []);
}

function isInstanceList(value: AnswerValue): value is readonly RepeatInstance[] {
  return Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null);
}

function Items({ items, context }: { items: readonly FormItem[]; context: Context }) {
  return (
    <>
      {items.map((item) => (
        <Item key={item.name} item={item} context={context} />
      ))}
    </>
  );
}

function Item({ item, context: outer }: { item: FormItem; context: Context }) {
  const isHidden = outer.inSkipped === true || outer.check.skipped.has(pathIn(outer.scope, item.name));
  if (isHidden && outer.showSkipped !== true) return null;
  // A calculation is never asked: the server computes it from the other answers.
  if (item.type === "calculate") return null;
  const context: Context = isHidden ? { ...outer, inSkipped: true } : outer;
  const skipped = isHidden ? (
    <span className="fr-badge fr-badge--skipped">{context.messages.skipped}</span>
  ) : null;
  const annotation = context.annotate?.(item);
  if (item.type === "repeat") return <RepeatItem repeat={item} context={context} skipped={skipped} />;
  if (item.type === "group") {
    return (
      <section className={isHidden ? "fr-group fr-skipped" : "fr-group"} data-item={item.name}>
        {item.label !== undefined && (
          <h2 className="fr-group__title">
            <Text text={item.label} context={context} /> {skipped}
          </h2>
        )}
        {annotation}
        <Items items={item.items} context={context} />
      </section>
    );
  }
  if (item.type === "note") {
    return (
      <div className={isHidden ? "fr-note fr-skipped" : "fr-note"} data-item={item.name}>
        <p>
          <Text text={item.label} context={context} /> {skipped}
        </p>
        {item.hint !== undefined && (
          <p className="fr-hint">
            <Text text={item.hint} context={context} />
          </p>
        )}
        {annotation}
      </div>
    );
  }
  return <QuestionField question={item} context={context} skipped={skipped} annotation={annotation} />;
}

/**
 * One block per instance (one per incident, per candidate...). With a repeat_count the number of
 * instances follows the form; otherwise the observer adds and removes them.
 */
function RepeatItem({ repeat, context, skipped }: { repeat: Repeat; context: Context; skipped: ReactNode }) {
  const { scope, messages } = context;
  const path = pathIn(scope, repeat.name);
  const stored = scope.answers[repeat.name];
  const current: readonly Answers[] = Array.isArray(stored)
    ? stored.filter((v): v is RepeatInstance => typeof v === "object" && v !== null)
    : [];
  const expected = context.check.instancesExpected.get(path);
  const instances =
    expected === undefined ? current : Array.from({ length: expected }, (_, i) => current[i] ?? {});
  const save = (next: readonly Answers[]) =>
    scope.onAnswer(repeat.name, next.length === 0 ? null : (next as RepeatInstance[]));
  const disabled = context.inSkipped === true;
  const issue = context.check.byQuestion.get(path);
  return (
    <section className={disabled ? "fr-repeat fr-skipped" : "fr-repeat"} data-item={repeat.name}>
      <h2 className="fr-group__title">
        {repeat.label !== undefined && <Text text={repeat.label} context={context} />} {skipped}
      </h2>
      {context.annotate?.(repeat)}
      {instances.map((instance, index) => {
        const inner: Scope = {
          prefix: [...scope.prefix, repeat.name, index],
          answers: instance,
          onAnswer: (name, value) => {
            const updated: Record<string, AnswerValue> = { ...instance };
            if (isUnanswered(value)) delete updated[name];
            else updated[name] = value;
            save(instances.map((other, i) => (i === index ? updated : other)));
          },
        };
        return (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: instances have no identity but their place; the count in the key remounts them when one is removed, so typed text follows its instance
            key={`${index}/${instances.length}`}
            className="fr-instance"
            disabled={disabled}
          >
            <legend className="fr-instance__title">
              {repeat.label !== undefined && <Text text={repeat.label} context={context} />} {index + 1}
            </legend>
            <Items items={repeat.items} context={{ ...context, scope: inner }} />
            {expected === undefined && (
              <button
                type="button"
                className="fr-clear"
                onClick={() => save(instances.filter((_, i) => i !== index))}
              >
                {messages.removeInstance}
              </button>
            )}
          </fieldset>
        );
      })}
      {expected === undefined && (
        <button type="button" className="fr-add" disabled={disabled} onClick={() => save([...instances, {}])}>
          {messages.addInstance}
        </button>
      )}
      {issue !== undefined && (
        <p className="fr-issue" role="alert">
          {messages.other}
        </p>
      )}
    </section>
  );
}
