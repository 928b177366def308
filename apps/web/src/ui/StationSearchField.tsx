import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A list's station search: part of a code or name, applied on Find (or Enter) and kept in the
 * address by the list; the server finds the stations (one rule for every list).
 */
export function StationSearchField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | undefined;
  onChange: (station: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange(text.trim() || undefined);
  };
  return (
    <form className="field" onSubmit={apply}>
      <label htmlFor={id}>{t("workspace.stationSearch.label")}</label>
      <div className="input-group">
        <input
          id={id}
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t("workspace.stationSearch.placeholder")}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t("workspace.stationSearch.find")}
        </button>
      </div>
    </form>
  );
}
