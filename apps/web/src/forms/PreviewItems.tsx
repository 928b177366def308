import { type FormItem, isQuestion } from "@scrutiny/domain";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type RenderContext, Texts } from "./previewText.tsx";
import { QuestionField } from "./QuestionField.tsx";

/** Groups, notes and questions of a form in the preview, with their logic when asked for. */
export function Items({ items, context }: { items: readonly FormItem[]; context: RenderContext }) {
  return (
    <>
      {items.map((item) => (
        <Fragment key={item.name}>
          <Item item={item} context={context} />
        </Fragment>
      ))}
    </>
  );
}

export function Logic({ item, context }: { item: FormItem; context: RenderContext }) {
  const { t } = useTranslation();
  if (!context.showLogic) return null;
  const parts: ReactNode[] = [<code key="name">{item.name}</code>];
  if (item.relevant !== undefined)
    parts.push(
      <span key="relevant">
        {t("preview.askedWhen")} <code>{item.relevant}</code>
      </span>,
    );
  if (isQuestion(item) && item.constraint !== undefined)
    parts.push(
      <span key="constraint">
        {t("preview.acceptedWhen")} <code>{item.constraint}</code>
      </span>,
    );
  return <p className="logic">{parts}</p>;
}

function Item({ item, context }: { item: FormItem; context: RenderContext }) {
  const { t } = useTranslation();
  const isHidden = context.hidden.has(item.name);
  if (isHidden && !context.showSkipped) return null;
  const skipped = isHidden ? <span className="badge badge--skipped">{t("preview.skipped")}</span> : null;
  if (item.type === "group" || item.type === "repeat") {
    return (
      <section className={isHidden ? "preview-group is-skipped" : "preview-group"}>
        {item.label !== undefined && (
          <h2 className="preview-group__title">
            <Texts text={item.label} form={context.form} language={context.language} /> {skipped}
          </h2>
        )}
        <Logic item={item} context={context} />
        <div className="preview-group__items">
          <Items items={item.items} context={context} />
        </div>
      </section>
    );
  }
  if (item.type === "note") {
    return (
      <div className={isHidden ? "preview-note-item is-skipped" : "preview-note-item"}>
        <p>
          <Texts text={item.label} form={context.form} language={context.language} /> {skipped}
        </p>
        {item.hint !== undefined && (
          <p className="question__hint">
            <Texts text={item.hint} form={context.form} language={context.language} />
          </p>
        )}
        <Logic item={item} context={context} />
      </div>
    );
  }
  return <QuestionField question={item} context={context} skipped={skipped} />;
}
