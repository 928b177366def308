import { useFormat } from "../i18n/format.ts";

/** A mission by its name in the page's language (marked with the language it is in), else its code. */
export function MissionName({ mission }: { mission: { code: string; name: Record<string, string> } }) {
  const format = useFormat();
  const name = format.localized(mission.name);
  return name.text === "" ? mission.code : <span lang={name.lang}>{name.text}</span>;
}
